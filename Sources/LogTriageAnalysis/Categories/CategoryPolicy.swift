import LogTriageModel

/// What follows from a category: who gets it, how urgent it is, whether a retry would help and
/// what to do about it. Defaults come from `Resources/rules.yml`; `triage.yml` overrides any field
/// per category under `categories:`.
public struct CategoryPolicy: Sendable, Hashable {
    public var team: TeamAssignment
    public var tier: Tier
    /// Whether retrying the same call can succeed; nil where the question does not apply (`slow`).
    public var retryable: Bool?
    /// A short course of action or a runbook link, shown next to findings of this category.
    public var runbook: String?
    /// Whether an alert on this category asks someone to act; alerts on non-actionable categories
    /// (by default only `other`) count as noise when alert quality is judged.
    public var actionable: Bool

    public init(team: TeamAssignment, tier: Tier, retryable: Bool? = nil, runbook: String? = nil, actionable: Bool = true) {
        self.team = team
        self.tier = tier
        self.retryable = retryable
        self.runbook = runbook
        self.actionable = actionable
    }

    /// The policy of a category that has none configured: the service owner, a warning, and
    /// actionable unless it is `other`, so a gap in the rules file never hides a finding.
    public static func fallback(for category: Category) -> CategoryPolicy {
        CategoryPolicy(team: .owningTeam, tier: .warning, retryable: nil, runbook: nil, actionable: category != .other)
    }
}
