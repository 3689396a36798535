/// The category of one error cluster and what follows from it, with the rule that decided, so a
/// report can show why rather than present a guess as fact.
public struct Classification: Sendable, Hashable, Codable {
    public var category: Category
    /// The name of the rule that matched; nil for `other` when nothing matched, and for `slow`.
    public var rule: String?
    /// The team resolved for the cluster's service (never `owning-team`).
    public var team: String
    public var tier: Tier
    public var retryable: Bool?
    public var runbook: String?
    public var actionable: Bool

    public init(category: Category, rule: String?, team: String, tier: Tier, retryable: Bool?,
                runbook: String?, actionable: Bool) {
        self.category = category
        self.rule = rule
        self.team = team
        self.tier = tier
        self.retryable = retryable
        self.runbook = runbook
        self.actionable = actionable
    }
}
