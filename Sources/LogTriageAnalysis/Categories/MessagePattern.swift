import Foundation
import LogTriageBasics

/// A message condition: a substring, or a regular expression written `/…/`; both compare
/// case-insensitively, since exception messages vary in case between libraries and versions
/// (`Connection refused`, `connection refused`).
public struct MessagePattern: Sendable, Hashable, CustomStringConvertible {
    /// As written in the rule, slashes included for a regex.
    public let text: String
    /// The lower-cased substring, searched in the lower-cased message.
    private let substring: MessageLiteral?
    private let regex: NSRegularExpression?
    /// For a regex, literals one of which any match contains (``RegexLiterals``): the
    /// expression runs only on a message holding one.
    private let requiredLiterals: [MessageLiteral]?

    /// Compiles the pattern once; rules are matched per cluster, patterns parsed per run.
    public init(_ text: String) throws(CategoryRuleError) {
        self.text = text
        if text.count >= 2, text.hasPrefix("/"), text.hasSuffix("/") {
            let source = String(text.dropFirst().dropLast())
            do {
                regex = try NSRegularExpression(pattern: source, options: [.caseInsensitive])
            } catch {
                throw .invalidRegex(text)
            }
            substring = nil
            requiredLiterals = RegexLiterals.required(source)?.map(MessageLiteral.init)
        } else {
            guard !text.isEmpty else { throw .emptyPattern(key: "message") }
            substring = MessageLiteral(Array(text.lowercased().utf8))
            regex = nil
            requiredLiterals = nil
        }
    }

    public var description: String { text }

    public static func == (lhs: MessagePattern, rhs: MessagePattern) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// Whether `message` matches.
    func matches(_ message: PreparedMessage) -> Bool {
        if let substring { return message.contains(substring) }
        guard let regex else { return false }
        if message.isASCII, let requiredLiterals, !requiredLiterals.contains(where: message.contains) { return false }
        let text = message.text
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
