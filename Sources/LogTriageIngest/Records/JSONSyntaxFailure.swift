/// Why a line or element is not a valid JSON record, and where (byte offset in it).
public struct JSONSyntaxFailure: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case unexpectedEnd, unexpectedByte, expectedKey, expectedColon, expectedCommaOrBrace,
             expectedCommaOrBracket, invalidLiteral, invalidNumber, invalidEscape,
             controlCharacterInString, unterminatedString, tooDeep, trailingContent, notAnObject
    }

    public let kind: Kind
    public let offset: Int

    /// A lower-case reason for stderr and reports.
    public var reason: String {
        let what: String
        switch kind {
        case .unexpectedEnd: what = "json ends early"
        case .unexpectedByte: what = "unexpected byte"
        case .expectedKey: what = "expected a quoted key"
        case .expectedColon: what = "expected ':' after key"
        case .expectedCommaOrBrace: what = "expected ',' or '}'"
        case .expectedCommaOrBracket: what = "expected ',' or ']'"
        case .invalidLiteral: what = "invalid literal"
        case .invalidNumber: what = "invalid number"
        case .invalidEscape: what = "invalid escape in string"
        case .controlCharacterInString: what = "unescaped control character in string"
        case .unterminatedString: what = "string not terminated"
        case .tooDeep: what = "nested deeper than \(JSONRecordScanner.maxDepth) levels"
        case .trailingContent: what = "content after the json value"
        case .notAnObject: what = "json value is not an object"
        }
        return "\(what) at byte \(offset + 1)"
    }
}
