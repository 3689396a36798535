/// Why a conditions file (`--alerts`) cannot be used; it names the file, the line, the
/// condition and the key, so the run can stop with a message the user acts on directly.
public struct AlertConditionsError: Error, Equatable, CustomStringConvertible {
    /// What is wrong at that place.
    public enum Problem: Sendable, Equatable {
        case unreadable(reason: String)
        /// The YAML itself does not parse; `reason` is the YAML parser's own words.
        case invalidYAML(reason: String)
        case notAList
        case notAMapping
        case unknownKey(known: [String])
        case missing
        /// Kept apart from ``missing``: New Relic's Terraform provider defaults to `equals`,
        /// which is almost never meant, so the message says so.
        case missingOperator
        case empty
        case notAString
        case notAnInteger(String)
        case notANumber(String)
        case notPositive(Int)
        case unknownOperator(String)
        case unknownOccurrences(String)
        case notABoolean(String)
        /// A word setting (`type`, `fill_option`, …) with a value New Relic does not know.
        case unknownValue(String, known: [String])
        /// The file's content is none of the formats conditions are read in.
        case unknownFormat(reason: String)
        case durationNotMultiple(durationSeconds: Int, windowSeconds: Int)
        /// The query does not parse or uses a construct the backtest cannot replay; `column`
        /// counts within the query text.
        case invalidNRQL(column: Int, reason: String)
        /// `firstLine` is where the name was first used.
        case duplicateName(firstLine: Int?)
    }

    public var path: String
    /// 1-based line in the file, nil when unknown.
    public var line: Int?
    /// The condition's name, nil when the file gives none (or it is not reached).
    public var condition: String?
    /// The condition's position in the list, counting from 1.
    public var index: Int?
    /// The key at fault as a dotted path within the condition, e.g. `critical.operator`.
    public var key: String?
    public var problem: Problem

    public init(path: String, line: Int?, condition: String? = nil, index: Int? = nil, key: String? = nil,
                problem: Problem) {
        self.path = path
        self.line = line
        self.condition = condition
        self.index = index
        self.key = key
        self.problem = problem
    }

    public var description: String {
        var place = path
        if let line { place += ":\(line)" }
        var subject: [String] = []
        if let condition {
            subject.append("condition '\(condition)'")
        } else if let index {
            subject.append("condition \(index)")
        }
        if let key { subject.append("key '\(key)'") }
        let prefix = subject.isEmpty ? "conditions \(place)" : "conditions \(place): \(subject.joined(separator: ", "))"
        return "\(prefix): \(reason)"
    }

    private var reason: String {
        switch problem {
        case let .unreadable(reason): "cannot be read: \(reason)"
        case let .invalidYAML(reason): "YAML syntax error: \(reason)"
        case .notAList:
            "the file must be a YAML list of conditions, a quickstart condition, NerdGraph JSON or Terraform state JSON"
        case .notAMapping: "must be a mapping of keys"
        case let .unknownKey(known): "is not a known key (known keys: \(known.joined(separator: ", ")))"
        case .missing: "is missing"
        case .missingOperator:
            "is missing; set it explicitly (New Relic's Terraform provider defaults to 'equals', which is rarely meant)"
        case .empty: "must not be empty"
        case .notAString: "must be a plain text value"
        case let .notAnInteger(text): "must be a whole number of seconds, not '\(text)'"
        case let .notANumber(text): "must be a number, not '\(text)'"
        case let .notPositive(value): "must be positive, not \(value)"
        case let .unknownOperator(text):
            "'\(text)' is not an operator (use one of \(ThresholdOperator.allCases.map(\.rawValue).joined(separator: ", ")))"
        case let .unknownOccurrences(text):
            "'\(text)' is not an occurrence mode (use all or at_least_once)"
        case let .notABoolean(text): "must be true or false, not '\(text)'"
        case let .unknownValue(text, known): "'\(text)' is not one of \(known.joined(separator: ", "))"
        case let .unknownFormat(reason): "is not a conditions file LogTriage reads: \(reason)"
        case let .durationNotMultiple(duration, window):
            "\(duration) s is not a multiple of the window (\(window) s)"
        case let .invalidNRQL(column, reason): "\(reason) at column \(column) of the query"
        case let .duplicateName(firstLine):
            "the name is already used\(firstLine.map { " on line \($0)" } ?? ""); names must be unique"
        }
    }
}
