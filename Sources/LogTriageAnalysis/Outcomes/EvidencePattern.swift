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
    let pieces: [[UInt8]]
    /// The non-empty pieces with their trigrams: a message whose filter lacks one cannot match.
    let literals: [MessageLiteral]

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
        while let found = ByteSearch.index(of: first, in: lowercased, from: start) {
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

    /// ASCII lower-casing of a message's bytes, once per message for all patterns.
    static func lowercasedBytes(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { bytes in
            [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                lowercase(bytes, into: buffer)
                count = bytes.count
            }
        }
    }

    /// Writes `bytes` ASCII lower-cased into the start of `buffer`, which holds at least as many.
    static func lowercase(_ bytes: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        for index in 0..<bytes.count {
            let byte = bytes[index]
            buffer[index] = byte &- 0x41 < 26 ? byte | 0x20 : byte
        }
    }
}
