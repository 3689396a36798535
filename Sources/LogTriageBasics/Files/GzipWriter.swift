import CZlib

/// Writes gzip files with zlib, one or several members.
///
/// Used to write samples, gzip test fixtures and `.csv.gz` outputs. Streaming: memory
/// stays at one output buffer whatever is written. Several members are written the way
/// New Relic's streaming export concatenates payloads, so readers can be tested on them.
public final class GzipWriter {
    private var stream = z_stream()
    private var memberOpen = false
    private let level: Int32
    private let sink: OutputSink
    private var outBuffer = [UInt8](repeating: 0, count: 1 << 16)

    /// Opens `path` for writing (truncating it).
    public init(path: String, level: Int32 = 6) throws {
        self.level = level
        self.sink = try OutputSink(path: path)
    }

    deinit {
        if memberOpen { deflateEnd(&stream) }
    }

    /// Compresses `bytes` into the current member (opening one if needed).
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try openMemberIfNeeded()
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(bytes.count)
        try pump(flush: Z_NO_FLUSH)
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
        try openMemberIfNeeded()
        stream.next_in = nil
        stream.avail_in = 0
        try pump(flush: Z_FINISH)
        deflateEnd(&stream)
        memberOpen = false
    }

    /// Finishes the member (an empty one if nothing was written) and closes the file.
    public func close() throws {
        if memberOpen || !sink.hasWritten { try finishMember() }
        try sink.close()
    }

    private func openMemberIfNeeded() throws {
        guard !memberOpen else { return }
        stream = z_stream()
        // windowBits 15 + 16 selects the gzip wrapper.
        let status = deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw OutputError.compression(path: sink.path, code: status) }
        memberOpen = true
    }

    private func pump(flush: Int32) throws {
        let capacity = outBuffer.count
        while true {
            let (status, produced) = outBuffer.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(capacity)
                let status = deflate(&stream, flush)
                return (status, capacity - Int(stream.avail_out))
            }
            if produced > 0 {
                try outBuffer.withUnsafeBytes { (raw) in
                    try sink.write(UnsafeRawBufferPointer(rebasing: raw[0..<produced]))
                }
            }
            if status == Z_STREAM_END { return }
            guard status == Z_OK || status == Z_BUF_ERROR else {
                throw OutputError.compression(path: sink.path, code: status)
            }
            if flush == Z_NO_FLUSH && stream.avail_in == 0 && produced < capacity { return }
        }
    }
}
