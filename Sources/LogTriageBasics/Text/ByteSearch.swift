#if canImport(Glibc)
import Glibc
#endif

/// Finds a byte string inside another: `memchr` for the first byte, then a compare. Shared by
/// every place that searches messages for fixed phrases (stack outlines, retry and dead-letter
/// evidence, wildcard patterns), some of them once per record.
package enum ByteSearch {
    /// The first occurrence of `needle` in `[from, end)`.
    package static func first(_ needle: UnsafeBufferPointer<UInt8>, in from: UnsafePointer<UInt8>,
                      _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
        let count = needle.count
        guard count > 0, let head = needle.baseAddress else { return from <= end ? from : nil }
        var cursor = from
        while end - cursor >= count {
            guard let hit = memchr(cursor, Int32(head.pointee), end - cursor - count + 1) else { return nil }
            let candidate = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(candidate, head, count) == 0 { return candidate }
            cursor = candidate + 1
        }
        return nil
    }

    /// Whether `a` and `b` hold the same bytes: a length check and one `memcmp`, where the
    /// generic `elementsEqual` walked them byte by byte through iterators (ten times the
    /// instructions on a service name compared for every record a condition counts).
    package static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let left = a.baseAddress, let right = b.baseAddress else { return true }
        return memcmp(left, right, a.count) == 0
    }

    /// The first occurrence of a literal.
    package static func first(_ needle: StaticString, in from: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
        first(UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount), in: from, end)
    }

    /// The index of the first occurrence of `needle` in `bytes[start..<end]`.
    package static func index(of needle: [UInt8], in bytes: [UInt8], from start: Int, to end: Int? = nil) -> Int? {
        bytes.withUnsafeBufferPointer { index(of: needle, in: $0, from: start, to: end) }
    }

    /// The same in bytes that are not an array (a message searched where it lies).
    package static func index(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                              to end: Int? = nil) -> Int? {
        needle.withUnsafeBufferPointer { index(of: $0, in: bytes, from: start, to: end) }
    }

    /// The same for a needle that is not an array either.
    package static func index(of needle: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                              to end: Int? = nil) -> Int? {
        let end = end ?? bytes.count
        guard start <= end, end <= bytes.count else { return nil }
        guard let base = bytes.baseAddress else { return needle.isEmpty && start == 0 ? 0 : nil }
        return first(needle, in: base + start, base + end).map { $0 - base }
    }

    /// The index of the first `byte` in `bytes[start..<end]`, by `memchr`.
    package static func index(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0,
                              to end: Int? = nil) -> Int? {
        let end = min(end ?? bytes.count, bytes.count)
        guard start >= 0, start < end, let base = bytes.baseAddress,
              let hit = memchr(base + start, Int32(byte), end - start) else {
            return nil
        }
        return UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// The index of the first raw line break (`\n` or `\r`), or `bytes.count`: two `memchr`s,
    /// the second only over the text before the first break.
    package static func firstLineBreak(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let newline = index(of: 0x0A, in: bytes) ?? bytes.count
        return index(of: 0x0D, in: bytes, to: newline) ?? newline
    }
}
