import Foundation
import Yams
import LogTriageIngest
import LogTriageModel

/// Everything a run can be told through `triage.yml`, already merged over the built-in
/// defaults (`Resources/defaults.yml`) and built-in rules (`Resources/rules.yml`).
public struct TriageConfiguration: Sendable, Equatable {
    /// Ordered attribute aliases per canonical field.
    public var fieldAliases: [CanonicalField: [String]]
    /// Longest line or document element read; longer ones are skipped as oversized.
    public var maxLineBytes: Int
    /// Rules shipped in `rules.yml`, tried after ``userRules``.
    public var builtInRules: [CategoryRule] = []
    /// Rules from `triage.yml`, tried first so a user can correct any built-in decision. A user
    /// rule with the name of a built-in rule replaces it.
    public var userRules: [CategoryRule] = []
    /// Team, tier, retryability, runbook and actionability per category.
    public var categoryPolicies: [Category: CategoryPolicy] = [:]
    /// Service → owning team, for categories routed to the service's owner.
    public var teams: [String: String] = [:]
    /// Requests slower than this many milliseconds (`durationMs`) are `slow`; callers apply it,
    /// since being slow is a measurement, not something rules can read from an exception.
    public var slowThresholdMs: Int = 0
    /// Dead-letter and retry evidence, retry-policy mismatches, rare `sourceId` (`retries:`).
    public var retryPolicy = RetryPolicy()
    /// A longer pause between two records of one account starts a new invoice loop
    /// (`staleInvoices.loopGapMinutes`); see ``StaleInvoiceDetector``.
    public var staleLoopGapMilliseconds: Int64 = 600_000
    /// Which failures are invoice-state failures, the only ones that can be stale
    /// (`staleInvoices.invoiceState`).
    public var invoiceStatePolicy = InvoiceStatePolicy()
    /// How much evidence a proposed alert condition needs (`alerts:`).
    public var alertTuning = AlertTuning()
    /// Who is told about what: destinations per team and tier (`routing:`).
    public var routing = AlertRouting()

    /// The rules to classify with: user rules, then the built-in ones they do not replace.
    /// Assembled on each access; take it once per run.
    public var categoryRules: CategoryRules {
        let replaced = Set(userRules.map(\.name))
        return CategoryRules(rules: userRules + builtInRules.filter { !replaced.contains($0.name) },
                             policies: categoryPolicies, teams: teams)
    }

    /// The file form: every key optional, so a user file states only what it changes. `rules`
    /// and `categories` are read from the YAML nodes (``CategoryRulesSection``) for exact errors.
    struct File: Codable {
        var version: Int?
        var fields: [String: [String]]?
        var limits: Limits?
        var slowThresholdMs: Int?
        var retries: RetryPolicy.Section?

        struct Limits: Codable { var maxLineBytes: Int? }

        static let knownKeys = ["version", "fields", "limits", "rules", "teams", "categories", "slowThresholdMs",
                                "retries", "staleInvoices", "alerts", "routing"]
    }

    /// Keys of the built-in rules file.
    static let rulesFileKeys = ["version", "categories", "rules"]

    /// The text of the built-in defaults, as shipped.
    public static func defaultsText() throws -> String { BuiltInText.defaults }

    /// The text of the built-in classification rules and category policies, as shipped.
    public static func rulesText() throws -> String { BuiltInText.rules }

    /// The built-in defaults and rules.
    ///
    /// Their YAML is read without resolving plain scalars by pattern (Yams' `basic` resolver):
    /// every key looked up was compared with each key of its mapping through the patterns of
    /// numbers, booleans, nulls and times: 27 of the 119 million instructions every run spent
    /// reading its configuration (callgrind). The values themselves are read from their text
    /// either way; the built-in files hold no key that reads otherwise (a test reads them both
    /// ways).
    public static func defaults() throws -> TriageConfiguration {
        try defaults(resolver: .basic)
    }

    /// The built-in defaults and rules, read with `resolver`.
    static func defaults(resolver: Resolver) throws -> TriageConfiguration {
        var configuration = TriageConfiguration(fieldAliases: [:], maxLineBytes: 0)
        try configuration.apply(yaml: defaultsText(), path: "defaults.yml", resolver: resolver)
        try configuration.applyBuiltInRules(yaml: rulesText(), path: "rules.yml", resolver: resolver)
        return configuration
    }

    /// Reads the built-in rules file: its rules become ``builtInRules`` and its `categories:`
    /// must give every category a whole policy (at least team and tier).
    mutating func applyBuiltInRules(yaml text: String, path: String, resolver: Resolver) throws {
        let mapping = try Self.topLevel(yaml: text, path: path, knownKeys: Self.rulesFileKeys, resolver: resolver)
        if let version = mapping?["version"]?.int, version != 1 {
            throw ConfigurationError.unsupportedVersion(path: path, version: version)
        }
        builtInRules = try mapping?["rules"].map { try CategoryRulesSection.rules($0, path: path) } ?? []
        let overrides = try mapping?["categories"].map { try CategoryRulesSection.policies($0, path: path) } ?? []
        var policies: [Category: CategoryPolicy] = [:]
        for (category, override) in overrides {
            guard let policy = override.complete else {
                throw ConfigurationError.invalidCategory(path: path, category: category.rawValue, reason: "needs at least a team and a tier")
            }
            policies[category] = policy
        }
        for category in Category.allCases where policies[category] == nil {
            throw ConfigurationError.invalidCategory(path: path, category: category.rawValue, reason: "has no policy")
        }
        categoryPolicies = policies
    }

    /// The defaults with the file at `path` applied over them.
    public static func load(path: String?) throws -> TriageConfiguration {
        var configuration = try defaults()
        guard let path else { return configuration }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        try configuration.apply(yaml: text, path: path)
        return configuration
    }

    /// Applies one YAML document over the current values.
    ///
    /// `rules` replace the user rules of an earlier document, `teams` and `categories` change
    /// only the services and fields they name.
    public mutating func apply(yaml text: String, path: String) throws {
        try apply(yaml: text, path: path, resolver: .default)
    }

    /// ``apply(yaml:path:)`` with `resolver` telling plain scalars' types.
    mutating func apply(yaml text: String, path: String, resolver: Resolver) throws {
        let mapping = try Self.topLevel(yaml: text, path: path, knownKeys: File.knownKeys, resolver: resolver)
        guard let mapping else { return }
        let node = Node.mapping(mapping)
        let file: File
        do {
            file = try YAMLDecoder().decode(File.self, from: node)
        } catch let error as DecodingError {
            throw ConfigurationError.invalidYAML(path: path, reason: Self.describe(error))
        } catch {
            throw ConfigurationError.invalidYAML(path: path, reason: "\(error)")
        }
        if let version = file.version, version != 1 {
            throw ConfigurationError.unsupportedVersion(path: path, version: version)
        }
        let rules = try mapping["rules"].map { try CategoryRulesSection.rules($0, path: path) }
        let overrides = try mapping["categories"].map { try CategoryRulesSection.policies($0, path: path) } ?? []
        for (name, aliases) in file.fields ?? [:] {
            guard let field = CanonicalField(rawValue: name) else {
                throw ConfigurationError.unknownField(path: path, field: name)
            }
            guard !aliases.isEmpty else { throw ConfigurationError.emptyAliasList(path: path, field: name) }
            fieldAliases[field] = aliases
        }
        if let limit = file.limits?.maxLineBytes {
            guard limit > 0 else { throw ConfigurationError.invalidLimit(path: path, key: "limits.maxLineBytes", value: limit) }
            maxLineBytes = limit
        }
        if let threshold = file.slowThresholdMs {
            guard threshold > 0 else { throw ConfigurationError.invalidLimit(path: path, key: "slowThresholdMs", value: threshold) }
            slowThresholdMs = threshold
        }
        if let retries = file.retries {
            if let keys = mapping["retries"]?.mapping?.keys {
                for key in keys where !RetryPolicy.Section.knownKeys.contains(key.string ?? "") {
                    throw ConfigurationError.unknownKey(path: path, key: "retries.\(key.string ?? "\(key)")",
                                                        known: RetryPolicy.Section.knownKeys)
                }
            }
            try retryPolicy.apply(retries, path: path)
        }
        if let rules { userRules = rules }
        for (category, override) in overrides {
            categoryPolicies[category] = override.applied(to: categoryPolicies[category] ?? .fallback(for: category))
        }
        if let section = mapping["teams"] {
            for (service, team) in try TeamsSection.teams(section, path: path) { teams[service] = team }
        }
        if let staleInvoices = mapping["staleInvoices"] {
            try StaleInvoicesSection.apply(staleInvoices, path: path, to: &self)
        }
        if let alerts = mapping["alerts"] {
            try AlertTuningSection.apply(alerts, path: path, to: &alertTuning)
        }
        if let section = mapping["routing"] {
            try RoutingSection.apply(section, path: path, to: &routing)
        }
    }

    /// The top-level mapping of a YAML document, nil when it is empty, after checking its keys.
    private static func topLevel(yaml text: String, path: String, knownKeys: [String],
                                 resolver: Resolver) throws -> Node.Mapping? {
        if let refusal = YAMLExpansion.refusal(yaml: text) { throw ConfigurationError.invalidYAML(path: path, reason: refusal) }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, resolver)
        } catch {
            throw ConfigurationError.invalidYAML(path: path, reason: "\(error)")
        }
        guard let node else { return nil }
        if let refusal = YAMLExpansion.refusal(node) { throw ConfigurationError.invalidYAML(path: path, reason: refusal) }
        guard let mapping = node.mapping else {
            throw ConfigurationError.invalidYAML(path: path, reason: "the document must be a mapping of keys")
        }
        for key in mapping.keys {
            let name = key.string ?? "\(key)"
            if !knownKeys.contains(name) {
                throw ConfigurationError.unknownKey(path: path, key: name, known: knownKeys)
            }
        }
        return mapping
    }

    /// The record schema these aliases describe, keeping `extraAttributes` too.
    public func schema(extraAttributes: [String] = []) -> RecordSchema {
        RecordSchema(aliases: fieldAliases, extraAttributes: extraAttributes)
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "'\(path(context))': \(context.debugDescription)"
        case let .keyNotFound(key, context):
            return "'\(path(context))': missing key '\(key.stringValue)'"
        case let .dataCorrupted(context):
            return "'\(path(context))': \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
