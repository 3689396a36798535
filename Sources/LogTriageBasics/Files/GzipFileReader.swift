import CZlib
import Foundation

/// Reads one gzip file as a stream of bytes, strictly: the file must be one complete gzip
/// member with nothing after it, and its CRC-32 and length must match. For files LogTriage
/// wrote itself (partials), where any damage means the file cannot be trusted; exports are
/// read leniently by the ingest instead.
package final class GzipFileReader {
    package let path: String
    private let handle: FileHandle
    private var stream = z_stream()
    private var input = [UInt8]()
    private var inputOffset = 0
    private var output = [UInt8](repeating: 0, count: 1 << 16)
    private var pending: ArraySlice<UInt8> = []
    private var ended = false
    private var atEndOfFile = false

    package init(path: String) throws(GzipReadError) {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path: path) }
        self.handle = handle
        let status = inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw .damaged(path: path, reason: "zlib could not start (\(status))") }
    }

    deinit {
        inflateEnd(&stream)
        try? handle.close()
    }

    /// Exactly `count` bytes; throws when the stream ends first.
    package func read(count: Int) throws(GzipReadError) -> [UInt8] {
        let result = try read(upTo: count)
        guard result.count == count else { throw .damaged(path: path, reason: "the file ends too early (truncated?)") }
        return result
    }

    /// Up to `count` bytes: fewer only at the end of the stream.
    package func read(upTo count: Int) throws(GzipReadError) -> [UInt8] {
        var result = [UInt8]()
        result.reserveCapacity(count)
        while result.count < count {
            if pending.isEmpty {
                guard try fill() else { break }
            }
            let take = min(count - result.count, pending.count)
            result.append(contentsOf: pending.prefix(take))
            pending = pending.dropFirst(take)
        }
        return result
    }

    /// Discards exactly `count` bytes; throws when the stream ends first.
    package func skip(count: Int) throws(GzipReadError) {
        var left = count
        while left > 0 {
            if pending.isEmpty {
                guard try fill() else { throw .damaged(path: path, reason: "the file ends too early (truncated?)") }
            }
            let take = min(left, pending.count)
            pending = pending.dropFirst(take)
            left -= take
        }
    }

    /// Decompresses the rest, discarding it, then checks the end as ``expectEnd()`` does: whether
    /// the file is intact gzip, whatever it holds.
    package func skipToEnd() throws(GzipReadError) {
        pending = []
        while try fill() { pending = [] }
        try expectEnd()
    }

    /// Throws unless every byte was read: the gzip member has ended, checksum verified, and
    /// nothing follows it in the file.
    package func expectEnd() throws(GzipReadError) {
        guard pending.isEmpty, try !fill() else { throw .damaged(path: path, reason: "unexpected data after the end") }
        guard ended else { throw .damaged(path: path, reason: "the file ends too early (truncated?)") }
        var trailing = inputOffset < input.count
        if !trailing { trailing = try !readInput().isEmpty }
        if trailing {
            throw .damaged(path: path, reason: "unexpected bytes after the gzip stream")
        }
    }

    /// Decompresses more into `pending`; false at the end of the member.
    private func fill() throws(GzipReadError) -> Bool {
        while !ended {
            if inputOffset == input.count {
                input = try readInput()
                inputOffset = 0
                if input.isEmpty { throw .damaged(path: path, reason: "the file ends too early (truncated?)") }
            }
            let (status, consumed, produced) = input.withUnsafeMutableBytes { source in
                output.withUnsafeMutableBytes { target in
                    stream.next_in = source.baseAddress!.assumingMemoryBound(to: Bytef.self) + inputOffset
                    stream.avail_in = uInt(source.count - inputOffset)
                    stream.next_out = target.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = uInt(target.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, source.count - inputOffset - Int(stream.avail_in), target.count - Int(stream.avail_out))
                }
            }
            inputOffset += consumed
            switch status {
            case Z_STREAM_END: ended = true
            case Z_OK, Z_BUF_ERROR: break
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                throw .damaged(path: path, reason: "gzip data is damaged: \(message)")
            }
            if produced > 0 {
                pending = output[0..<produced]
                return true
            }
        }
        return false
    }

    private func readInput() throws(GzipReadError) -> [UInt8] {
        guard !atEndOfFile else { return [] }
        let data: Data
        do {
            data = try handle.read(upToCount: 1 << 16) ?? Data()
        } catch {
            throw .unreadable(path: path)
        }
        if data.isEmpty { atEndOfFile = true }
        return [UInt8](data)
    }
}

package enum GzipReadError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String)
    case damaged(path: String, reason: String)

    package var description: String {
        switch self {
        case let .unreadable(path): "\(path): cannot be read"
        case let .damaged(path, reason): "\(path): \(reason)"
        }
    }
}
