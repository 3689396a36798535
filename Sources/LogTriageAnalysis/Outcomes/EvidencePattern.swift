import LogTriageBasics

/// A phrase that marks dead-letter or retry evidence in a message, compared case-insensitively;
/// `{n}` in it stands for a whole number, which is read as the retry count
/// (`after {n} retries`, `retry attempt {n}`).
///
/// Phrases rather than regular expressions: they are matched against every error message, and
/// a byte search is fast and predictable where a regex engine is neither on Linux.
public struct EvidencePattern: Sendable, Hashable, CustomStringConvertible {
    /// As written in the configuration.
    public let text: String
    /// The lower-cased literal pieces around each `{n}`.
    private let pieces: [[UInt8]]
    /// The non-empty pieces with their trigrams: a message whose filter lacks one cannot match.
    private let literals: [MessageLiteral]

    /// The placeholder for a number.
    public static let numberPlaceholder = "{n}"

    /// Nil when the phrase has no literal text to search for (empty, or only `{n}`).
    public init?(_ text: String) {
        let pieces = text.lowercased().components(separatedBy: Self.numberPlaceholder).map { Array($0.utf8) }
        guard pieces.contains(where: { !$0.isEmpty }) else { return nil }
        self.text = text
        self.pieces = pieces
        literals = pieces.filter { !$0.isEmpty }.map(MessageLiteral.init)
    }

    public var description: String { text }

    /// Whether the pattern occurs in `lowercased` (the message, ASCII lower-cased), and the
    /// first number its `{n}` matched, if it has one.
    func match(_ lowercased: [UInt8]) -> (matched: Bool, number: Int?) {
        lowercased.withUnsafeBufferPointer { match($0, trigrams: nil) }
    }

    /// The same, passed over at once when `trigrams` (the message's filter) lacks a piece.
    func match(_ lowercased: UnsafeBufferPointer<UInt8>, trigrams: TrigramFilter?) -> (matched: Bool, number: Int?) {
        if let trigrams, !literals.allSatisfy(trigrams.mayContain) { return (false, nil) }
        let first = pieces[0]
        var start = 0
        while let found = Self.find(first, in: lowercased, from: start) {
            if let number = matchRest(lowercased, from: found + first.count) { return (true, number.first) }
            start = found + 1
        }
        return (false, nil)
    }

    /// Matches `{n}` and the pieces after it at `position`; the numbers read, or nil.
    private func matchRest(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> [Int]? {
        var position = position
        var numbers: [Int] = []
        for piece in pieces.dropFirst() {
            var value = 0
            let digitsStart = position
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                if value < 1_000_000_000 { value = value * 10 + Int(bytes[position] - 0x30) }
                position += 1
            }
            guard position > digitsStart else { return nil }
            numbers.append(value)
            guard bytes.count - position >= piece.count,
                  bytes[position..<(position + piece.count)].elementsEqual(piece) else { return nil }
            position += piece.count
        }
        return numbers
    }

    /// The index of the first `needle` in `bytes[start...]`.
    static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start <= bytes.count else { return nil }
        return needle.withUnsafeBufferPointer { wanted in
            guard let base = bytes.baseAddress else { return wanted.isEmpty && start == 0 ? 0 : nil }
            return ByteSearch.first(wanted, in: base + start, base + bytes.count).map { $0 - base }
        }
    }

    /// ASCII lower-casing of a message's bytes, once per message for all patterns.
    static func lowercasedBytes(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { bytes in bytes.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 } }
    }
}
