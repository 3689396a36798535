import LogTriageBasics

/// One message as message patterns read it: the text, its lower-cased UTF-8 bytes, and a
/// filter of the byte trigrams it holds.
///
/// Hundreds of substring patterns and dozens of regular expressions are tried on every
/// message no earlier rule decided. The filter answers "could this literal occur here?" with
/// one bit per trigram of the literal, so a pattern whose words are absent costs a few bit
/// tests instead of a scan of the message; only a possible hit is confirmed by a real search
/// (and a regular expression run). It never rejects a literal that occurs, so the results are
/// exactly those of searching every pattern.
///
/// A class: the rules walk the evidence's messages once per rule with message conditions, and a
/// reference is one retain where the value was three.
final class PreparedMessage {
    let text: String
    let lowercased: [UInt8]
    /// Whether the message is ASCII: case-insensitive regular expressions fold a few non-ASCII
    /// letters to ASCII ones (`ſ` to `s`), which lower-casing does not, so the literal filter
    /// is used for regular expressions only on ASCII text.
    let isASCII: Bool
    private let trigrams: TrigramFilter

    init(_ text: String) {
        self.text = text
        // ASCII text (nearly every message) is lower-cased byte by byte, without the Unicode
        // case mapping `lowercased()` runs and the string it builds.
        var bytes = Array(text.utf8)
        var ascii = true
        bytes.withUnsafeMutableBufferPointer { bytes in
            for index in bytes.indices {
                let byte = bytes[index]
                if byte >= 0x80 {
                    ascii = false
                    break
                }
                if byte &- UInt8(ascii: "A") < 26 { bytes[index] = byte | 0x20 }
            }
        }
        lowercased = ascii ? bytes : Array(text.lowercased().utf8)
        isASCII = ascii
        trigrams = TrigramFilter(lowercased)
    }

    /// Whether the lower-cased `literal` occurs in the lower-cased message.
    func contains(_ literal: MessageLiteral) -> Bool {
        guard trigrams.mayContain(literal) else { return false }
        return ByteSearch.index(of: literal.bytes, in: lowercased, from: 0) != nil
    }

    /// Whether any of `literals` occurs.
    func containsAny(_ literals: [MessageLiteral]) -> Bool {
        for literal in literals where contains(literal) { return true }
        return false
    }
}

/// A lower-cased literal and the trigram bits it needs, computed once per pattern.
struct MessageLiteral: Sendable, Hashable {
    let bytes: [UInt8]
    let bits: [Int]

    init(_ lowercased: [UInt8]) {
        bytes = lowercased
        bits = lowercased.count >= 3 ? (0..<(lowercased.count - 2)).map {
            TrigramFilter.bit(lowercased[$0], lowercased[$0 + 1], lowercased[$0 + 2])
        } : []
    }
}

/// A bit per hashed byte trigram of a text: no false negatives, few false positives on
/// messages of a few kilobytes.
struct TrigramFilter {
    static let bitCount = 1 << 15
    private var words = [UInt64](repeating: 0, count: TrigramFilter.bitCount / 64)

    init(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { Self.fill(&words, with: $0) }
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        Self.fill(&words, with: bytes)
    }

    private static func fill(_ words: inout [UInt64], with bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count >= 3 else { return }
        // Through raw buffers: this runs over every byte of every new message, and the array
        // subscripts checked bounds and uniqueness at each one.
        words.withUnsafeMutableBufferPointer { words in
            var previous = UInt32(bytes[0]) << 8 | UInt32(bytes[1])
            for index in 2..<bytes.count {
                previous = (previous << 8 | UInt32(bytes[index])) & 0xFF_FFFF
                let bit = Self.bit(trigram: previous)
                words[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
    }

    @inline(__always)
    static func bit(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        bit(trigram: UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c))
    }

    /// The bit of three bytes packed big-endian into the low 24 bits.
    @inline(__always)
    static func bit(trigram: UInt32) -> Int {
        Int((trigram &* 0x9E37_79B1) >> 17)
    }

    func mayContain(_ literal: MessageLiteral) -> Bool {
        literal.bits.withUnsafeBufferPointer { mayContain(bits: $0) }
    }

    /// Whether every one of `bits` (trigram bits of literals) is set.
    func mayContain(bits: UnsafeBufferPointer<Int>) -> Bool {
        words.withUnsafeBufferPointer { words in
            for bit in bits where words[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
            return true
        }
    }
}
