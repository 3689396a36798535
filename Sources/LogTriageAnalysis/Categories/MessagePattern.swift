import Foundation
import LogTriageBasics

/// A message condition: a substring, or a regular expression written `/…/`; both compare
/// case-insensitively, since exception messages vary in case between libraries and versions
/// (`Connection refused`, `connection refused`).
public struct MessagePattern: Sendable, Hashable, CustomStringConvertible {
    /// As written in the rule, slashes included for a regex.
    public var text: String { compiled.text }
    /// Everything behind one reference: every message pattern of every rule is tried on every
    /// new kind of evidence no earlier rule decided, and a pattern held as five
    /// reference-counted fields cost five retains and five releases each time the matcher
    /// copied it, more than the trigram test that usually answers.
    private let compiled: Compiled

    private final class Compiled: Sendable {
        let text: String
        /// The lower-cased substring, searched in the lower-cased message (empty for a regex).
        let substring: MessageLiteral
        let regex: NSRegularExpression?
        /// For a regex, literals one of which any match contains (``RegexLiterals``): the
        /// expression runs only on a message holding one. Meaningful only when
        /// `hasRequiredLiterals`.
        let requiredLiterals: [MessageLiteral]
        let hasRequiredLiterals: Bool

        init(text: String, substring: MessageLiteral, regex: NSRegularExpression?, requiredLiterals: [MessageLiteral]?) {
            self.text = text
            self.substring = substring
            self.regex = regex
            self.requiredLiterals = requiredLiterals ?? []
            hasRequiredLiterals = requiredLiterals != nil
        }
    }

    /// Compiles the pattern once; rules are matched per cluster, patterns parsed per run.
    public init(_ text: String) throws(CategoryRuleError) {
        if text.count >= 2, text.hasPrefix("/"), text.hasSuffix("/") {
            let source = String(text.dropFirst().dropLast())
            let regex: NSRegularExpression
            do {
                regex = try NSRegularExpression(pattern: source, options: [.caseInsensitive])
            } catch {
                throw .invalidRegex(text)
            }
            compiled = Compiled(text: text, substring: MessageLiteral([]), regex: regex,
                                requiredLiterals: RegexLiterals.required(source)?.map(MessageLiteral.init))
        } else {
            guard !text.isEmpty else { throw .emptyPattern(key: "message") }
            compiled = Compiled(text: text, substring: MessageLiteral(Array(text.lowercased().utf8)), regex: nil,
                                requiredLiterals: nil)
        }
    }

    public var description: String { text }

    public static func == (lhs: MessagePattern, rhs: MessagePattern) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// Whether `message` matches.
    func matches(_ message: PreparedMessage) -> Bool {
        let compiled = compiled
        guard let regex = compiled.regex else { return message.contains(compiled.substring) }
        if message.isASCII, compiled.hasRequiredLiterals, !message.containsAny(compiled.requiredLiterals) { return false }
        let text = message.text
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
