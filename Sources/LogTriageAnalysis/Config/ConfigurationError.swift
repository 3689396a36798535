import LogTriageIngest

/// Why a configuration file cannot be used; each case names what the user must fix.
public enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case invalidYAML(path: String, reason: String)
    case unknownKey(path: String, key: String, known: [String])
    case unknownField(path: String, field: String)
    case emptyAliasList(path: String, field: String)
    case unsupportedVersion(path: String, version: Int)
    case invalidLimit(path: String, key: String, value: Int)
    /// A rule of `rules:`; `number` counts from 1 in file order, `name` is nil when missing.
    case invalidRule(path: String, number: Int, name: String?, reason: String)
    case invalidCategory(path: String, category: String, reason: String)
    /// A value that has the right type but cannot be used; `key` is its dotted path.
    case invalidValue(path: String, key: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read configuration \(path): \(reason)"
        case let .invalidYAML(path, reason): "configuration \(path) is not valid: \(reason)"
        case let .unknownKey(path, key, known):
            "configuration \(path): unknown key '\(key)' (known keys: \(known.joined(separator: ", ")))"
        case let .unknownField(path, field):
            "configuration \(path): 'fields' names '\(field)', which is not a canonical field (known: \(CanonicalField.allCases.map(\.rawValue).joined(separator: ", ")))"
        case let .emptyAliasList(path, field):
            "configuration \(path): 'fields.\(field)' must list at least one attribute name"
        case let .unsupportedVersion(path, version):
            "configuration \(path): version \(version) is not supported (this logtriage reads version 1)"
        case let .invalidLimit(path, key, value): "configuration \(path): '\(key)' must be positive, not \(value)"
        case let .invalidRule(path, number, name, reason):
            "configuration \(path): rule \(number)\(name.map { " ('\($0)')" } ?? "") under 'rules': \(reason)"
        case let .invalidCategory(path, category, reason):
            "configuration \(path): 'categories.\(category)': \(reason)"
        case let .invalidValue(path, key, reason): "configuration \(path): '\(key)' \(reason)"
        }
    }
}
