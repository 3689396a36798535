/// Why a rule cannot be built; the configuration adds which file and rule it was.
public enum CategoryRuleError: Error, Hashable, CustomStringConvertible {
    case noConditions
    case emptyPattern(key: String)
    case invalidRegex(String)
    case invalidStatus(String)
    case invalidCode(String)
    case invalidWords(String)

    public var description: String {
        switch self {
        case .noConditions:
            "has no conditions; give at least one of exception, code, words, message, status, service, frame"
        case let .emptyPattern(key): "'\(key)' has an empty pattern"
        case let .invalidRegex(text): "message \(text) is not a valid regular expression"
        case let .invalidStatus(text): "status '\(text)' is not a code or a range like 500-599"
        case let .invalidCode(text): "code '\(text)' is not a token (letters, digits, '_', and '*' wildcards)"
        case let .invalidWords(text): "words '\(text)' must be lower-case words, each optionally ending in '*'"
        }
    }
}
