#if canImport(Glibc)
import Glibc
#endif

/// Splits a stream of decompressed chunks into lines without copying, except for the
/// one line that spans each chunk boundary.
///
/// A line longer than `maxLineBytes` is never assembled: its bytes are dropped as they
/// arrive and it is reported once, so memory stays bounded by the limit.
struct LineFramer {
    let maxLineBytes: Int
    private var carry = ScratchBuffer()
    private var carryUsed = 0
    private var skippingOversized = false
    private(set) var lineNumber = 0

    init(maxLineBytes: Int) { self.maxLineBytes = maxLineBytes }

    func release() { carry.release() }

    /// Calls `line` for each complete line (without its newline) and `oversized` for each
    /// line over the limit, with its 1-based number. Runs of empty lines inside a chunk go to
    /// `emptyLines` (first number, count) in one call, so a file of nothing but newlines is
    /// read at memory speed rather than one callback per byte.
    mutating func consume(_ chunk: UnsafeRawBufferPointer,
                          line: (UnsafePointer<UInt8>, Int, Int) -> Void,
                          emptyLines: (Int, Int) -> Void,
                          oversized: (Int) -> Void) {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let end = base + chunk.count
        var cursor = base
        if carryUsed > 0 || skippingOversized {
            guard let newline = Self.findNewline(cursor, end) else {
                appendToCarry(cursor, end - cursor, oversized: oversized)
                return
            }
            appendToCarry(cursor, newline - cursor, oversized: oversized)
            lineNumber += 1
            if skippingOversized {
                skippingOversized = false
            } else {
                line(UnsafePointer(carry.pointer), carryUsed, lineNumber)
            }
            carryUsed = 0
            cursor = newline + 1
        }
        while cursor < end {
            guard let newline = Self.findNewline(cursor, end) else {
                appendToCarry(cursor, end - cursor, oversized: oversized)
                return
            }
            if newline == cursor {
                var run = cursor + 1
                // Eight bytes at a time while they are all newlines: a byte loop here ran at
                // half the speed or less depending on where the compiler happened to place it.
                while end - run >= 8 && UnsafeRawPointer(run).loadUnaligned(as: UInt64.self) == 0x0A0A_0A0A_0A0A_0A0A {
                    run += 8
                }
                while run < end && run.pointee == 0x0A { run += 1 }
                emptyLines(lineNumber + 1, run - cursor)
                lineNumber += run - cursor
                cursor = run
                continue
            }
            lineNumber += 1
            let length = newline - cursor
            if length > maxLineBytes { oversized(lineNumber) } else { line(cursor, length, lineNumber) }
            cursor = newline + 1
        }
    }

    /// Counts lines the caller consumed itself (blank lines before the framing was known).
    mutating func skipLines(_ count: Int) { lineNumber += count }

    /// Delivers a last line that has no newline.
    mutating func finish(line: (UnsafePointer<UInt8>, Int, Int) -> Void) {
        if skippingOversized {
            skippingOversized = false
            return
        }
        guard carryUsed > 0 else { return }
        lineNumber += 1
        line(UnsafePointer(carry.pointer), carryUsed, lineNumber)
        carryUsed = 0
    }

    private mutating func appendToCarry(_ bytes: UnsafePointer<UInt8>, _ count: Int, oversized: (Int) -> Void) {
        guard !skippingOversized else { return }
        if carryUsed + count > maxLineBytes {
            skippingOversized = true
            carryUsed = 0
            oversized(lineNumber + 1)
            return
        }
        carry.grow(to: carryUsed + count, keeping: carryUsed)
        (carry.pointer + carryUsed).update(from: bytes, count: count)
        carryUsed += count
    }

    @inline(__always)
    static func findNewline(_ from: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
        guard let found = memchr(from, 0x0A, end - from) else { return nil }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
    }
}
