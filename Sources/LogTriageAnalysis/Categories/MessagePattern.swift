import Foundation
import LogTriageBasics

/// A message condition: a substring, or a regular expression written `/…/`; both compare
/// case-insensitively, since exception messages vary in case between libraries and versions
/// (`Connection refused`, `connection refused`).
public struct MessagePattern: Sendable, Hashable, CustomStringConvertible {
    /// As written in the rule, slashes included for a regex.
    public let text: String
    /// The lower-cased substring's UTF-8 bytes, searched with `memchr`/`memcmp`.
    private let substring: [UInt8]?
    private let regex: NSRegularExpression?

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
        } else {
            guard !text.isEmpty else { throw .emptyPattern(key: "message") }
            substring = Array(text.lowercased().utf8)
            regex = nil
        }
    }

    public var description: String { text }

    public static func == (lhs: MessagePattern, rhs: MessagePattern) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// Whether `message` matches; `lowercased` is the same message lower-cased by the caller
    /// (its UTF-8 bytes), once per classification rather than once per pattern.
    func matches(_ message: String, lowercased: [UInt8]) -> Bool {
        if let substring { return ByteSearch.index(of: substring, in: lowercased, from: 0) != nil }
        return matches(regex: message)
    }

    /// The same, with the lower-cased message as a string.
    func matches(_ message: String, lowercased: String) -> Bool {
        if substring != nil { return matches(message, lowercased: Array(lowercased.utf8)) }
        return matches(regex: message)
    }

    private func matches(regex message: String) -> Bool {
        guard let regex else { return false }
        return regex.firstMatch(in: message, range: NSRange(message.startIndex..., in: message)) != nil
    }
}
