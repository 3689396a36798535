/// A `words` condition: words that must all occur in one class name once it is split into
/// words (`ProvisionedThroughputExceededException` → provisioned, throughput, exceeded,
/// exception), in any order. So an exception class no rule names still classifies by what
/// its name says (`throughput exceeded`, `timeout`, `unauthorized`).
///
/// Written as one entry of space-separated words, lower case; a word ending in `*` matches
/// any word that starts with it (`throttl*` matches throttled, throttling). Class names are
/// the classes of the chain and the class-like names a message mentions (`Net::ReadTimeout`,
/// `botocore.errorfactory.ThrottlingException` inside a Python traceback line).
public struct ClassWordsPattern: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    private let words: [Word]

    private struct Word: Sendable, Hashable {
        let stem: String
        let isPrefix: Bool

        func matches(_ word: String) -> Bool { isPrefix ? word.hasPrefix(stem) : word == stem }
    }

    public init(_ text: String) throws(CategoryRuleError) {
        let parts = text.lowercased().split(separator: " ").map(String.init)
        guard !parts.isEmpty else { throw .emptyPattern(key: "words") }
        var words: [Word] = []
        for part in parts {
            let isPrefix = part.hasSuffix("*")
            let stem = isPrefix ? String(part.dropLast()) : part
            guard !stem.isEmpty, !stem.contains("*") else { throw .invalidWords(text) }
            words.append(Word(stem: stem, isPrefix: isPrefix))
        }
        self.text = parts.joined(separator: " ")
        self.words = words
    }

    public var description: String { text }

    /// Whether every word of the pattern is one of `nameWords` (the words of one class name).
    func matches(_ nameWords: [String]) -> Bool {
        words.allSatisfy { word in nameWords.contains { word.matches($0) } }
    }
}
