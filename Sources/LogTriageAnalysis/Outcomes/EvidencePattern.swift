/// A phrase that marks dead-letter or retry evidence in a message, compared case-insensitively;
/// `{n}` in it stands for a whole number, which is read as the retry count
/// (`after {n} retries`, `retry attempt {n}`).
///
/// Phrases rather than regular expressions: they are matched against every error message, and
/// a byte search is fast and predictable where a regex engine is neither on Linux. A scanner
/// matches its phrases all together (``EvidencePatternSet``).
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

    /// ASCII lower-casing of a message's bytes, once per message for all patterns.
    static func lowercasedBytes(_ text: String) -> [UInt8] {
        // Not built with a capacity of 0: the standard library then writes the count, a 0 over a
        // 0, into the one shared empty array, which ThreadSanitizer reports as a race between
        // two threads lower-casing empty messages.
        guard !text.isEmpty else { return [] }
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
