import CISAL

/// Gzip members compressed by ISA-L at its level 1.
///
/// Input is gathered into blocks of a fixed size before ISA-L sees it, so that the bytes
/// written depend only on the bytes given, not on how the caller split them into writes.
final class IsalMemberDeflater: GzipMemberDeflater {
    private static let blockSize = 1 << 18
    private let stream: UnsafeMutablePointer<isal_zstream>
    private let levelBuffer: UnsafeMutableRawBufferPointer
    private let block: UnsafeMutableRawBufferPointer
    private var blockCount = 0
    private let output: UnsafeMutableRawBufferPointer
    private(set) var memberOpen = false

    init() {
        stream = .allocate(capacity: 1)
        UnsafeMutableRawPointer(stream).initializeMemory(
            as: UInt8.self, repeating: 0, count: MemoryLayout<isal_zstream>.size)
        levelBuffer = .allocate(byteCount: Int(logtriage_isal_level1_buffer_size()), alignment: 64)
        block = .allocate(byteCount: Self.blockSize, alignment: 64)
        output = .allocate(byteCount: 1 << 18, alignment: 64)
    }

    deinit {
        stream.deallocate()
        levelBuffer.deallocate()
        block.deallocate()
        output.deallocate()
    }

    func write(_ bytes: UnsafeRawBufferPointer, to sink: OutputSink) throws {
        openMemberIfNeeded()
        var offset = 0
        while offset < bytes.count {
            let take = min(bytes.count - offset, Self.blockSize - blockCount)
            (block.baseAddress! + blockCount).copyMemory(from: bytes.baseAddress! + offset, byteCount: take)
            blockCount += take
            offset += take
            if blockCount == Self.blockSize { try deflateBlock(endOfStream: false, to: sink) }
        }
    }

    func finishMember(to sink: OutputSink) throws {
        openMemberIfNeeded()
        try deflateBlock(endOfStream: true, to: sink)
        memberOpen = false
    }

    private func openMemberIfNeeded() {
        guard !memberOpen else { return }
        isal_deflate_init(stream)
        stream.pointee.level = 1
        stream.pointee.level_buf = levelBuffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        stream.pointee.level_buf_size = UInt32(levelBuffer.count)
        stream.pointee.gzip_flag = UInt16(IGZIP_GZIP)
        stream.pointee.flush = UInt16(NO_FLUSH)
        blockCount = 0
        memberOpen = true
    }

    /// Compresses the gathered block, and with `endOfStream` ends the member.
    private func deflateBlock(endOfStream: Bool, to sink: OutputSink) throws {
        stream.pointee.next_in = block.baseAddress!.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_in = UInt32(blockCount)
        stream.pointee.end_of_stream = endOfStream ? 1 : 0
        while true {
            stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: UInt8.self)
            stream.pointee.avail_out = UInt32(output.count)
            let status = isal_deflate(stream)
            guard status == COMP_OK else { throw OutputError.compression(path: sink.path, code: status) }
            let produced = output.count - Int(stream.pointee.avail_out)
            if produced > 0 { try sink.write(UnsafeRawBufferPointer(rebasing: output[0..<produced])) }
            let done = endOfStream ? stream.pointee.internal_state.state == ZSTATE_END : stream.pointee.avail_in == 0
            if done { break }
        }
        blockCount = 0
    }
}
