#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads rows back from a spool file written by ``SpoolWriter``, through a buffer that grows
/// only for a row longer than it.
package final class SpoolReader {
    package let path: String
    private var descriptor: Int32
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEnd = false

    package init(path: String, bufferSize: Int = 1 << 16) throws(SpoolError) {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .spoolFailed(path: path, reason: InputError.reason(errno: errno)) }
        buffer = [UInt8](repeating: 0, count: bufferSize)
    }

    deinit { close() }

    /// Makes `count` bytes available; false at a clean end of file (no byte left), an error when
    /// the file ends inside a row.
    package func ensure(_ count: Int) throws(SpoolError) -> Bool {
        while end - start < count {
            if atEnd {
                if end == start { return false }
                throw .spoolDamaged(path: path)
            }
            if start > 0 {
                let pending = end - start
                buffer.withUnsafeMutableBytes { raw in
                    _ = memmove(raw.baseAddress!, raw.baseAddress! + start, pending)
                }
                start = 0
                end = pending
            }
            if buffer.count < count { buffer += [UInt8](repeating: 0, count: count - buffer.count) }
            var failure: Int32 = 0
            let received = buffer.withUnsafeMutableBytes { raw -> Int in
                while true {
                    let result = read(descriptor, raw.baseAddress! + end, raw.count - end)
                    if result < 0, errno == EINTR { continue }
                    if result < 0 { failure = errno }
                    return result
                }
            }
            if received < 0 { throw .spoolFailed(path: path, reason: InputError.reason(errno: failure)) }
            if received == 0 { atEnd = true } else { end += received }
        }
        return true
    }

    /// The next byte; call ``ensure(_:)`` for the row first.
    package func readUInt8() -> UInt8 {
        defer { start += 1 }
        return buffer[start]
    }

    package func readInt32() -> Int32 {
        defer { start += 4 }
        return buffer.withUnsafeBytes { Int32(littleEndian: $0.loadUnaligned(fromByteOffset: start, as: Int32.self)) }
    }

    package func readInt64() -> Int64 {
        defer { start += 8 }
        return buffer.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(fromByteOffset: start, as: Int64.self)) }
    }

    func readUInt16() -> UInt16 {
        defer { start += 2 }
        return buffer.withUnsafeBytes { UInt16(littleEndian: $0.loadUnaligned(fromByteOffset: start, as: UInt16.self)) }
    }

    /// Up to `count` bytes: fewer only at the end of the file.
    package func bytes(upTo count: Int) throws(SpoolError) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(count)
        while result.count < count, try ensure(1) {
            let take = min(count - result.count, end - start)
            result.append(contentsOf: buffer[start..<(start + take)])
            start += take
        }
        return result
    }

    /// Hands over the rest of the file as it is, a buffer at a time (each valid during the call):
    /// for copying a spool whole into another file without holding it in memory.
    package func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        while try ensure(1) {
            try buffer.withUnsafeBytes { raw in try body(UnsafeRawBufferPointer(rebasing: raw[start..<end])) }
            start = end
        }
    }

    /// Closes the file early, so a merge holds only the descriptors it is reading.
    package func close() {
        guard descriptor >= 0 else { return }
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
        descriptor = -1
    }
}
