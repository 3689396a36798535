import CISAL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one gzip file as a stream of bytes, strictly: the file must be one complete gzip
/// member with nothing after it, and its CRC-32 and length must match. For files LogTriage
/// wrote itself (partials), where any damage means the file cannot be trusted; exports are
/// read leniently by the ingest instead.
///
/// Inflates with ISA-L, as the ingest does: a merge reads every partial whole, and with zlib
/// inflating was about a sixth of its CPU.
package final class GzipFileReader {
    package let path: String
    private var descriptor: Int32
    private let state: UnsafeMutablePointer<inflate_state>
    private let input: UnsafeMutableRawBufferPointer
    private var inputStart = 0
    private var inputEnd = 0
    private var atEndOfFile = false
    private let output: UnsafeMutableRawBufferPointer
    /// The inflated bytes not yet handed out: `output[pendingStart..<pendingEnd]`.
    private var pendingStart = 0
    private var pendingEnd = 0
    private var ended = false

    package init(path: String) throws(GzipReadError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path) }
        self.descriptor = descriptor
        state = IsalInflate.gzipState()
        input = .allocate(byteCount: 1 << 17, alignment: 64)
        output = .allocate(byteCount: 1 << 18, alignment: 64)
    }

    deinit {
        close(descriptor)
        state.deallocate()
        input.deallocate()
        output.deallocate()
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
        // A damaged length may claim far more than the file holds: reserve no more than 16 MiB.
        result.reserveCapacity(min(count, 1 << 24))
        while result.count < count {
            if pendingStart == pendingEnd {
                guard try fill() else { break }
            }
            let take = min(count - result.count, pendingEnd - pendingStart)
            result.append(contentsOf: UnsafeRawBufferPointer(rebasing: output[pendingStart..<(pendingStart + take)]))
            pendingStart += take
        }
        return result
    }

    /// Discards exactly `count` bytes; throws when the stream ends first.
    package func skip(count: Int) throws(GzipReadError) {
        var left = count
        while left > 0 {
            if pendingStart == pendingEnd {
                guard try fill() else { throw .damaged(path: path, reason: "the file ends too early (truncated?)") }
            }
            let take = min(left, pendingEnd - pendingStart)
            pendingStart += take
            left -= take
        }
    }

    /// Decompresses the rest, discarding it, then checks the end as ``expectEnd()`` does: whether
    /// the file is intact gzip, whatever it holds.
    package func skipToEnd() throws(GzipReadError) {
        pendingStart = pendingEnd
        while try fill() { pendingStart = pendingEnd }
        try expectEnd()
    }

    /// Throws unless every byte was read: the gzip member has ended, checksum verified, and
    /// nothing follows it in the file.
    package func expectEnd() throws(GzipReadError) {
        guard pendingStart == pendingEnd, try !fill() else { throw .damaged(path: path, reason: "unexpected data after the end") }
        guard ended else { throw .damaged(path: path, reason: "the file ends too early (truncated?)") }
        var trailing = inputStart < inputEnd
        if !trailing { trailing = try readInput() }
        if trailing {
            throw .damaged(path: path, reason: "unexpected bytes after the gzip stream")
        }
    }

    /// Inflates more into `output`, replacing what was pending; false at the end of the member.
    /// ISA-L checks the member's CRC-32 and length when it reads the trailer.
    private func fill() throws(GzipReadError) -> Bool {
        pendingStart = 0
        pendingEnd = 0
        while !ended {
            if inputStart == inputEnd && !atEndOfFile { _ = try readInput() }
            let available = inputEnd - inputStart
            state.pointee.next_in = (input.baseAddress! + inputStart).assumingMemoryBound(to: UInt8.self)
            state.pointee.avail_in = UInt32(available)
            state.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: UInt8.self)
            state.pointee.avail_out = UInt32(output.count)
            let status = isal_inflate(state)
            let consumed = available - Int(state.pointee.avail_in)
            inputStart += consumed
            let produced = output.count - Int(state.pointee.avail_out)
            if status < 0 { throw .damaged(path: path, reason: IsalInflate.reason(status: status)) }
            if state.pointee.block_state == ISAL_BLOCK_FINISH { ended = true }
            if produced > 0 {
                pendingEnd = produced
                return true
            }
            if ended { break }
            if inputStart == inputEnd && atEndOfFile {
                throw .damaged(path: path, reason: "the file ends too early (truncated?)")
            }
            if consumed == 0 && inputStart < inputEnd {
                // Never expected from isal_inflate; guards against spinning forever.
                throw .damaged(path: path, reason: IsalInflate.noProgress(status: status))
            }
        }
        return false
    }

    /// Reads the next bytes of the file into `input`; false at the end of the file.
    private func readInput() throws(GzipReadError) -> Bool {
        guard !atEndOfFile else { return false }
        while true {
            #if canImport(Glibc)
            let count = Glibc.read(descriptor, input.baseAddress!, input.count)
            #else
            let count = Darwin.read(descriptor, input.baseAddress!, input.count)
            #endif
            if count > 0 {
                inputStart = 0
                inputEnd = count
                return true
            }
            if count == 0 {
                atEndOfFile = true
                return false
            }
            if errno != EINTR { throw .unreadable(path: path) }
        }
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
