import Yams
import LogTriageModel

/// Reads the `rules:` and `categories:` sections of `rules.yml` and `triage.yml` from YAML nodes,
/// so every mistake is reported with the rule's position and name rather than a decoder path.
enum CategoryRulesSection {
    static let ruleKeys = ["name", "category", "exception", "code", "words", "message", "status", "service", "frame"]
    static let policyKeys = ["team", "tier", "retryable", "runbook", "actionable"]

    /// A per-category change from `categories:`; fields left out keep their current value.
    struct PolicyOverride {
        var team: TeamAssignment?
        var tier: Tier?
        var retryable: Bool?
        var runbook: String?
        var actionable: Bool?

        func applied(to policy: CategoryPolicy) -> CategoryPolicy {
            var policy = policy
            if let team { policy.team = team }
            if let tier { policy.tier = tier }
            if let retryable { policy.retryable = retryable }
            if let runbook { policy.runbook = runbook }
            if let actionable { policy.actionable = actionable }
            return policy
        }

        /// Whether this override alone is a whole policy, as the built-in file must give.
        var complete: CategoryPolicy? {
            guard let team, let tier else { return nil }
            return CategoryPolicy(team: team, tier: tier, retryable: retryable, runbook: runbook, actionable: actionable ?? true)
        }
    }

    /// The rules of a `rules:` node, in order.
    static func rules(_ node: Node, path: String) throws(ConfigurationError) -> [CategoryRule] {
        if node.null != nil { return [] }
        guard let sequence = node.sequence else {
            throw .invalidYAML(path: path, reason: "'rules' must be a list of rules")
        }
        var rules: [CategoryRule] = []
        var names: Set<String> = []
        for (offset, entry) in sequence.enumerated() {
            let rule = try self.rule(entry, number: offset + 1, path: path)
            guard names.insert(rule.name).inserted else {
                throw .invalidRule(path: path, number: offset + 1, name: rule.name, reason: "another rule already has this name")
            }
            rules.append(rule)
        }
        return rules
    }

    private static func rule(_ node: Node, number: Int, path: String) throws(ConfigurationError) -> CategoryRule {
        guard let mapping = node.mapping else {
            throw .invalidRule(path: path, number: number, name: nil, reason: "must be a mapping with name, category and conditions")
        }
        let name = mapping["name"]?.scalar?.string
        func fail(_ reason: String) -> ConfigurationError {
            .invalidRule(path: path, number: number, name: name, reason: reason)
        }
        for key in mapping.keys {
            let keyName = key.string ?? "\(key)"
            guard ruleKeys.contains(keyName) else {
                throw fail("unknown key '\(keyName)' (known keys: \(ruleKeys.joined(separator: ", ")))")
            }
        }
        guard let name, !name.isEmpty else { throw fail("needs a 'name'") }
        guard let categoryName = mapping["category"]?.scalar?.string else { throw fail("needs a 'category'") }
        guard let category = Category(rawValue: categoryName) else {
            throw fail("category '\(categoryName)' is not one of \(Category.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        func list(_ key: String) throws(ConfigurationError) -> [String] {
            guard let value = mapping[key] else { return [] }
            if let scalar = value.scalar { return [scalar.string] }
            guard let sequence = value.sequence else { throw fail("'\(key)' must be a value or a list of values") }
            var values: [String] = []
            for item in sequence {
                guard let scalar = item.scalar else { throw fail("'\(key)' must list plain values") }
                values.append(scalar.string)
            }
            guard !values.isEmpty else { throw fail("'\(key)' is an empty list") }
            return values
        }
        func nonEmpty(_ key: String) throws(ConfigurationError) -> [String] {
            let values = try list(key)
            if values.contains(where: \.isEmpty) { throw fail(CategoryRuleError.emptyPattern(key: key).description) }
            return values
        }
        do {
            let message = try list("message").map { (text) throws(CategoryRuleError) in try MessagePattern(text) }
            let status = try list("status").map { (text) throws(CategoryRuleError) in try StatusPattern(parsing: text) }
            let code = try list("code").map { (text) throws(CategoryRuleError) in try CodePattern(text) }
            let words = try list("words").map { (text) throws(CategoryRuleError) in try ClassWordsPattern(text) }
            return try CategoryRule(
                name: name, category: category,
                exception: try nonEmpty("exception").map(ClassPattern.init),
                message: message, status: status,
                service: try nonEmpty("service").map(WildcardPattern.init),
                frame: try nonEmpty("frame").map(WildcardPattern.init),
                code: code, words: words)
        } catch let error as CategoryRuleError {
            throw fail(error.description)
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw fail("\(error)")
        }
    }

    /// The per-category changes of a `categories:` node.
    static func policies(_ node: Node, path: String) throws(ConfigurationError) -> [(Category, PolicyOverride)] {
        if node.null != nil { return [] }
        guard let mapping = node.mapping else {
            throw .invalidYAML(path: path, reason: "'categories' must map category names to their settings")
        }
        var result: [(Category, PolicyOverride)] = []
        for (key, value) in mapping {
            let categoryName = key.string ?? "\(key)"
            func fail(_ reason: String) -> ConfigurationError {
                .invalidCategory(path: path, category: categoryName, reason: reason)
            }
            guard let category = Category(rawValue: categoryName) else {
                throw fail("not a category (known: \(Category.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let fields = value.mapping else { throw fail("must be a mapping of \(policyKeys.joined(separator: ", "))") }
            var override = PolicyOverride()
            for (fieldKey, fieldValue) in fields {
                let field = fieldKey.string ?? "\(fieldKey)"
                guard let scalar = fieldValue.scalar else { throw fail("'\(field)' must be a single value") }
                switch field {
                case "team":
                    guard !scalar.string.isEmpty else { throw fail("'team' is empty") }
                    override.team = TeamAssignment(scalar.string)
                case "tier":
                    guard let tier = Tier(rawValue: scalar.string) else {
                        throw fail("tier '\(scalar.string)' is not one of \(Tier.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    override.tier = tier
                case "retryable":
                    guard let flag = fieldValue.bool else { throw fail("'retryable' must be true or false") }
                    override.retryable = flag
                case "actionable":
                    guard let flag = fieldValue.bool else { throw fail("'actionable' must be true or false") }
                    override.actionable = flag
                case "runbook":
                    override.runbook = scalar.string
                default:
                    throw fail("unknown key '\(field)' (known keys: \(policyKeys.joined(separator: ", ")))")
                }
            }
            result.append((category, override))
        }
        return result
    }
}
