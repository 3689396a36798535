/// Writes gzip files, one or several members.
///
/// Used to write samples, gzip test fixtures, `.csv.gz` outputs and partials. Streaming:
/// memory stays at one output buffer whatever is written. Several members are written the way
/// New Relic's streaming export concatenates payloads, so readers can be tested on them.
public final class GzipWriter {
    /// What compresses a member.
    package enum Compressor: Sendable, Equatable {
        /// zlib at `level` (1 to 9), what `gzip -N` writes: the samples and `.csv.gz` outputs,
        /// whose bytes are committed or compared, keep it.
        case zlib(level: Int32)
        /// ISA-L's level 1: on a partial of the bench week about six times faster than zlib's
        /// level 1, for a file about 3% larger.
        case isalFastest
    }

    private let sink: OutputSink
    private let deflater: any GzipMemberDeflater

    /// Opens `path` for writing (truncating it), compressing with zlib at `level`.
    public convenience init(path: String, level: Int32 = 6) throws {
        try self.init(path: path, compressor: .zlib(level: level))
    }

    /// Opens `path` for writing (truncating it).
    package init(path: String, compressor: Compressor) throws {
        sink = try OutputSink(path: path)
        switch compressor {
        case let .zlib(level): deflater = ZlibMemberDeflater(level: level)
        case .isalFastest: deflater = IsalMemberDeflater()
        }
    }

    /// Compresses `bytes` into the current member (opening one if needed).
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try deflater.write(bytes, to: sink)
    }

    /// Compresses the UTF-8 bytes of `text`.
    public func write(_ text: String) throws {
        var copy = text
        try copy.withUTF8 { (buffer) in try write(UnsafeRawBufferPointer(buffer)) }
    }

    /// Compresses `bytes`.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { (buffer) in try write(buffer) }
    }

    /// Ends the current gzip member; the next write starts a new one.
    public func finishMember() throws {
        try deflater.finishMember(to: sink)
    }

    /// Finishes the member (an empty one if nothing was written) and closes the file.
    public func close() throws {
        if deflater.memberOpen || !sink.hasWritten { try finishMember() }
        try sink.close()
    }
}

/// Compresses gzip members into a sink, one at a time.
protocol GzipMemberDeflater: AnyObject {
    /// Whether a member has been started and not finished.
    var memberOpen: Bool { get }
    /// Compresses `bytes` into the open member, starting one if none is open.
    func write(_ bytes: UnsafeRawBufferPointer, to sink: OutputSink) throws
    /// Writes the rest of the member and its trailer (an empty member if none is open).
    func finishMember(to sink: OutputSink) throws
}
