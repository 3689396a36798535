import Foundation

/// The pattern of `RLIKE`: a regular expression that must match the whole value, as NRQL's
/// RE2 matching does. Compared and hashed by its text; compiled once.
public struct NRQLRegexPattern: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let compiled: NSRegularExpressionBox?

    /// Nil when the pattern is not a regular expression Foundation compiles.
    public init?(_ pattern: String) {
        guard let regex = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$", options: [.dotMatchesLineSeparators])
        else { return nil }
        self.pattern = pattern
        compiled = NSRegularExpressionBox(regex: regex)
    }

    public func matches(_ text: String) -> Bool {
        guard let regex = compiled?.regex else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    public var description: String { NRQLValue.string(pattern).description }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.pattern == rhs.pattern }
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }
}

/// `NSRegularExpression` is immutable and documented as thread-safe.
final class NSRegularExpressionBox: @unchecked Sendable {
    let regex: NSRegularExpression
    init(regex: NSRegularExpression) { self.regex = regex }
}
