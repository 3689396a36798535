import CRE2

/// The pattern of `RLIKE`: a regular expression that must match the whole value. NRQL's
/// regular expressions are RE2's, so RE2 compiles and matches them here too: the same syntax
/// is accepted (`(?P<name>…)`, `\pL`, `(?i)`) and refused (backreferences, lookaround), and a
/// match takes time linear in the value, where a backtracking engine could take minutes on a
/// pattern such as `(.|.)*z` and then give up. Compared and hashed by its text; compiled once.
public struct NRQLRegexPattern: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let compiled: RE2Regex

    /// RE2's reason for refusing a pattern ("missing ): (", "invalid escape sequence: \\1").
    public struct Invalid: Error, Sendable, Equatable {
        public let reason: String
    }

    /// Compiles `pattern`, or says why RE2 refuses it.
    public init(validating pattern: String) throws(Invalid) {
        self.pattern = pattern
        compiled = try RE2Regex(pattern)
    }

    /// Nil when RE2 refuses the pattern.
    public init?(_ pattern: String) {
        guard let compiled = try? Self(validating: pattern) else { return nil }
        self = compiled
    }

    public func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { compiled.fullMatch($0) }
    }

    public var description: String { NRQLValue.string(pattern).description }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.pattern == rhs.pattern }
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }
}

/// One compiled RE2 pattern, freed with its last reference. RE2's matching is `const` and
/// documented as safe from several threads at once, which `Sendable` relies on.
private final class RE2Regex: @unchecked Sendable {
    private let regex: OpaquePointer

    init(_ pattern: String) throws(NRQLRegexPattern.Invalid) {
        var pattern = pattern
        let capacity = 256
        var error = [CChar](repeating: 0, count: capacity)
        let compiled = pattern.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { characters in
                logtriage_re2_compile(characters.baseAddress, characters.count, &error, capacity)
            }
        }
        guard let compiled else {
            let reason = error.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw NRQLRegexPattern.Invalid(reason: reason.isEmpty ? "not a regular expression" : reason)
        }
        regex = compiled
    }

    func fullMatch(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.withMemoryRebound(to: CChar.self) { logtriage_re2_full_match(regex, $0.baseAddress, $0.count) == 1 }
    }

    deinit { logtriage_re2_free(regex) }
}
