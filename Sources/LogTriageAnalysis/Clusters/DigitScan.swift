/// Finds the next ASCII digit eight bytes at a time.
///
/// Status codes, line numbers and ids all hold digits; the scans that look for them (an HTTP
/// status in a message, a status phrase to mask) spend most of a long message on text without
/// any, which a word-at-a-time test passes over.
enum DigitScan {
    /// Index of the first byte at or after `start` that is `0`…`9`, or nil.
    static func firstDigit(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return nil }
        var index = start
        while index + 8 <= bytes.count, !hasDigit(base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
            index += 8
        }
        while index < bytes.count {
            if bytes[index] &- UInt8(ascii: "0") < 10 { return index }
            index += 1
        }
        return nil
    }

    /// Whether any of the eight bytes of `word` lies strictly between `/` and `:` (the
    /// `hasbetween` of the Bit Twiddling Hacks; bytes above 0x7F never count).
    @inline(__always)
    static func hasDigit(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low = word & (ones &* 127)
        return (((ones &* (127 + 0x3A)) &- low) & ~word & (low &+ ones &* (127 - 0x2F)) & (ones &* 128)) != 0
    }
}
