import LogTriageBasics

/// A buffered output file that is either gzip (through `GzipWriter`) or plain.
///
/// Buffers 256 KiB before handing bytes on, so per-record writes stay cheap.
final class SampleOutputFile {
    let path: String
    private let gzip: GzipWriter?
    private let plain: OutputSink?
    private var buffer: [UInt8] = []
    private static let bufferCapacity = 1 << 18
    /// Bytes written before compression.
    private(set) var uncompressedBytes = 0
    /// Finished gzip members.
    private(set) var members = 0
    private var memberHasData = false

    init(path: String, compressed: Bool, level: Int32) throws {
        self.path = path
        if compressed {
            gzip = try GzipWriter(path: path, level: level)
            plain = nil
        } else {
            gzip = nil
            plain = try OutputSink(path: path)
        }
        buffer.reserveCapacity(Self.bufferCapacity + 65_536)
    }

    func append(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        uncompressedBytes += bytes.count
        memberHasData = true
        if buffer.count >= Self.bufferCapacity { try flush() }
    }

    /// Ends the current gzip member if it holds data (no effect on plain files).
    func finishMember() throws {
        guard let gzip, memberHasData else { return }
        try flush()
        try gzip.finishMember()
        members += 1
        memberHasData = false
    }

    func close() throws {
        try flush()
        if let gzip {
            if memberHasData || members == 0 { members += 1 }
            try gzip.close()
        }
        try plain?.close()
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        if let gzip {
            try gzip.write(buffer)
        } else {
            try buffer.withUnsafeBytes { try plain?.write($0) }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
