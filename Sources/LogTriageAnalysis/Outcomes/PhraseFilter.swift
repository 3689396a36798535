/// A quick answer to "can any of these phrases occur in this message?", asked before the
/// phrases are searched one by one.
///
/// Every phrase holds a piece of at least four bytes that a message must contain for the
/// phrase to match; the filter remembers the first four bytes of one such piece per phrase in
/// a table of 65,536 bits, indexed by a hash of the four bytes. One pass over the message,
/// four bytes at a time, finds no set bit in most messages, and none of the phrases need be
/// searched then. A set bit only means "search": the answer is never a false no.
///
/// Built only when every phrase has such a piece (the default phrases do); the scanner
/// searches every phrase otherwise.
struct PhraseFilter: Sendable {
    private let bits: [UInt64]

    /// Nil when a phrase has no literal piece of four bytes or more.
    init?(phrases: [EvidencePattern]) {
        var bits = [UInt64](repeating: 0, count: 1 << 10)
        for phrase in phrases {
            guard let piece = phrase.pieces.first(where: { $0.count >= 4 }) else { return nil }
            let index = Self.index(piece.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!).loadUnaligned(as: UInt32.self) })
            bits[index >> 6] |= 1 << UInt64(index & 63)
        }
        self.bits = bits
    }

    /// False only when no phrase can occur in `lowercased` (a message, ASCII lower-cased as the
    /// phrases are).
    func mayMatch(_ lowercased: UnsafeBufferPointer<UInt8>) -> Bool {
        guard lowercased.count >= 4, let base = lowercased.baseAddress else { return false }
        return bits.withUnsafeBufferPointer { bits in
            let raw = UnsafeRawPointer(base)
            for offset in 0...(lowercased.count - 4) {
                let index = Self.index(raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                if bits[index >> 6] & (1 << UInt64(index & 63)) != 0 { return true }
            }
            return false
        }
    }

    /// A 16-bit index of four bytes (a multiplicative hash's top bits).
    @inline(__always)
    private static func index(_ word: UInt32) -> Int {
        Int((word &* 0x9E37_79B1) >> 16)
    }
}
