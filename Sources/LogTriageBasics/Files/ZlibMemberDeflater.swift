import CZlib

/// Gzip members compressed by zlib, as `gzip -N` writes them.
final class ZlibMemberDeflater: GzipMemberDeflater {
    private var stream = z_stream()
    private(set) var memberOpen = false
    private let level: Int32
    private var outBuffer = [UInt8](repeating: 0, count: 1 << 16)

    init(level: Int32) {
        self.level = level
    }

    deinit {
        if memberOpen { deflateEnd(&stream) }
    }

    func write(_ bytes: UnsafeRawBufferPointer, to sink: OutputSink) throws {
        try openMemberIfNeeded(sink)
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(bytes.count)
        try pump(flush: Z_NO_FLUSH, to: sink)
    }

    func finishMember(to sink: OutputSink) throws {
        try openMemberIfNeeded(sink)
        stream.next_in = nil
        stream.avail_in = 0
        try pump(flush: Z_FINISH, to: sink)
        deflateEnd(&stream)
        memberOpen = false
    }

    private func openMemberIfNeeded(_ sink: OutputSink) throws {
        guard !memberOpen else { return }
        stream = z_stream()
        // windowBits 15 + 16 selects the gzip wrapper.
        let status = deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw OutputError.compression(path: sink.path, code: status) }
        memberOpen = true
    }

    private func pump(flush: Int32, to sink: OutputSink) throws {
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
