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
    /// The evidence that decided, in words (`socket-timeout: exception SocketTimeoutException`);
    /// nil when nothing decided, which a report shows as *unclassified*.
    public var reason: String?

    public init(category: Category, rule: String?, team: String, tier: Tier, retryable: Bool?,
                runbook: String?, actionable: Bool, reason: String? = nil) {
        self.category = category
        self.rule = rule
        self.team = team
        self.tier = tier
        self.retryable = retryable
        self.runbook = runbook
        self.actionable = actionable
        self.reason = reason
    }

    /// Whether no rule and no other evidence decided: category `other` by absence, which
    /// reports call *unclassified* and the noise judgement treats as unknown, never as noise.
    public var isUnclassified: Bool { category == .other && reason == nil }

    /// The reason as reports print it.
    public var reasonText: String { reason ?? Self.unclassifiedReason }

    /// What reports say when nothing decided.
    public static let unclassifiedReason = "unclassified: no rule matched its exception, codes, words, status or message"
}
