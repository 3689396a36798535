#if canImport(Glibc)
import Glibc
#endif
import LogTriageBasics

/// A retry policy's phrases (``EvidencePattern``) laid out in one block of memory and matched
/// through pointers.
///
/// The scanner tries every phrase on every error, warning and retry-minded message. Read as
/// ``EvidencePattern`` values, each try retained and released the phrase's arrays, about a
/// third of the scan's time. This is the only matcher of the phrases: a phrase matches where
/// its first piece occurs followed by, for each `{n}`, one or more digits and the next piece;
/// its number is the first `{n}`'s. Immutable once built, hence `@unchecked Sendable`.
final class EvidencePatternSet: @unchecked Sendable {
    /// One phrase: its pieces (around each `{n}`) and the trigram bits of its non-empty ones,
    /// as ranges of ``pieces`` and ``bits``.
    private struct Phrase {
        var pieces: Range<Int>
        var bits: Range<Int>
    }

    /// Where a piece's bytes are in ``bytes``.
    private struct Piece {
        var start: Int
        var count: Int
    }

    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private let pieces: UnsafeMutableBufferPointer<Piece>
    private let bits: UnsafeMutableBufferPointer<Int>
    private let phrases: UnsafeMutableBufferPointer<Phrase>

    /// Phrases keep their order: the first that matches with a number gives the count.
    init(_ patterns: [EvidencePattern]) {
        let allPieces = patterns.flatMap(\.pieces)
        bytes = .allocate(capacity: allPieces.reduce(0) { $0 + $1.count })
        pieces = .allocate(capacity: allPieces.count)
        bits = .allocate(capacity: patterns.reduce(0) { $0 + $1.literals.reduce(0) { $0 + $1.bits.count } })
        phrases = .allocate(capacity: patterns.count)
        var byteCount = 0, pieceCount = 0, bitCount = 0
        for (index, pattern) in patterns.enumerated() {
            let firstPiece = pieceCount, firstBit = bitCount
            for piece in pattern.pieces {
                _ = UnsafeMutableBufferPointer(rebasing: bytes[byteCount...]).initialize(from: piece)
                pieces.initializeElement(at: pieceCount, to: Piece(start: byteCount, count: piece.count))
                byteCount += piece.count
                pieceCount += 1
            }
            for bit in pattern.literals.flatMap(\.bits) {
                bits.initializeElement(at: bitCount, to: bit)
                bitCount += 1
            }
            phrases.initializeElement(at: index, to: Phrase(pieces: firstPiece..<pieceCount, bits: firstBit..<bitCount))
        }
    }

    deinit {
        bytes.deallocate()
        pieces.deallocate()
        bits.deallocate()
        phrases.deallocate()
    }

    /// Phrases in the set.
    var count: Int { phrases.count }

    /// Whether phrase `index` occurs in `lowercased` (a message, ASCII lower-cased), and the
    /// first number its `{n}` matched; passed over at once when `trigrams` (the message's
    /// filter) lacks a trigram of one of its pieces.
    func match(_ index: Int, in lowercased: UnsafeBufferPointer<UInt8>, trigrams: TrigramFilter?) -> (matched: Bool, number: Int?) {
        let phrase = phrases[index]
        if let trigrams, !trigrams.mayContain(bits: UnsafeBufferPointer(rebasing: bits[phrase.bits])) { return (false, nil) }
        let first = piece(phrase.pieces.lowerBound)
        var start = 0
        while let found = ByteSearch.index(of: first, in: lowercased, from: start) {
            let rest = matchRest(phrase, lowercased, from: found + first.count)
            if rest.matched { return rest }
            start = found + 1
        }
        return (false, nil)
    }

    private func piece(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let piece = pieces[index]
        return UnsafeBufferPointer(rebasing: bytes[piece.start..<(piece.start + piece.count)])
    }

    /// Matches `{n}` and the pieces after it at `position`, as ``EvidencePattern`` does: each
    /// `{n}` one or more digits, then the next piece's bytes.
    private func matchRest(_ phrase: Phrase, _ bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> (matched: Bool, number: Int?) {
        var position = position
        var number: Int?
        for index in (phrase.pieces.lowerBound + 1)..<phrase.pieces.upperBound {
            var value = 0
            let digitsStart = position
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                if value < 1_000_000_000 { value = value * 10 + Int(bytes[position] - 0x30) }
                position += 1
            }
            guard position > digitsStart else { return (false, nil) }
            if number == nil { number = value }
            let piece = piece(index)
            guard bytes.count - position >= piece.count,
                  piece.isEmpty || memcmp(bytes.baseAddress! + position, piece.baseAddress!, piece.count) == 0 else {
                return (false, nil)
            }
            position += piece.count
        }
        return (true, number)
    }
}
