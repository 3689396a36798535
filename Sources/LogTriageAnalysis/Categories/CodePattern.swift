/// A `code` condition: an identifier that must appear as a whole token anywhere in the
/// evidence's text (messages and class names), such as an errno name (`ECONNRESET`), a gRPC
/// status (`DEADLINE_EXCEEDED`), a cloud error code (`SlowDown`, `AADSTS7000215`), a SQLSTATE
/// (`40P01`) or a class named only in a message (`ReadTimeout` in `Net::ReadTimeout`).
///
/// Tokens are runs of letters, digits and `_`, so `connect ETIMEDOUT 10.0.0.1:443` holds the
/// token `ETIMEDOUT` and `(SlowDown)` the token `SlowDown`. Comparison is case-sensitive, as
/// the codes are written: `UNAVAILABLE` as a gRPC status does not match the English word
/// `unavailable`. `*` stands for any run of token characters (`08*` for SQLSTATE class 08).
public struct CodePattern: Sendable, Hashable, CustomStringConvertible {
    /// Everything behind one reference: every rule's codes are tried on every new kind of
    /// evidence, and a pattern held as six reference-counted fields cost six retains and six
    /// releases each time the matcher copied it, more than the lookup itself.
    private let compiled: Compiled

    private final class Compiled: Sendable {
        let pattern: WildcardPattern
        /// The pattern without wildcards, for a lookup in the token table instead of a scan.
        let exact: String?
        let exactBytes: [UInt8]
        let exactHash: UInt64
        let longestPiece: [UInt8]

        init(_ text: String) {
            pattern = WildcardPattern(text)
            exact = text.contains("*") ? nil : text
            exactBytes = Array(text.utf8)
            exactHash = EvidenceTokens.hash(exactBytes)
            longestPiece = pattern.longestPiece
        }
    }

    public var pattern: WildcardPattern { compiled.pattern }

    public init(_ text: String) throws(CategoryRuleError) {
        guard !text.isEmpty else { throw .emptyPattern(key: "code") }
        guard text.unicodeScalars.allSatisfy({ EvidenceTokens.isTokenScalar($0) || $0 == "*" }) else {
            throw .invalidCode(text)
        }
        compiled = Compiled(text)
    }

    public static func == (lhs: CodePattern, rhs: CodePattern) -> Bool { lhs.pattern == rhs.pattern }
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }

    public var description: String { pattern.text }

    /// The first token of `tokens` this pattern matches, in the tokens' sorted order (the
    /// least matching one: no sort of every token).
    func firstMatch(in tokens: EvidenceTokens) -> String? {
        let compiled = compiled
        if compiled.exact != nil {
            return tokens.contains(compiled.exactBytes, hash: compiled.exactHash) ? compiled.exact : nil
        }
        // One search of all the tokens' bytes for the pattern's longest piece spares matching
        // each of a long message's hundreds of tokens.
        guard tokens.bytesContain(compiled.longestPiece) else { return nil }
        return tokens.least { compiled.pattern.matches(utf8: $0) }
    }
}
