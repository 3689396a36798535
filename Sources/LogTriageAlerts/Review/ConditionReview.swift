import LogTriageModel

/// One row of the alert review: a current condition as backtested, or a proposal beside the
/// condition it replaces, with what each would have done on the week.
public struct ConditionReview: Sendable {
    public enum Kind: String, Sendable { case current, proposed }
    public enum Action: String, Sendable { case keep, change, split, remove, add }

    public var name: String
    public var kind: Kind
    public var action: Action
    /// The terms it has: `critical`, `warning`, or `critical+warning`.
    public var tier: String
    /// The team paged; nil when the conditions file names none.
    public var route: String?
    public var nrql: String
    public var windowSeconds: Int
    public var critical: AlertThreshold?
    public var warning: AlertThreshold?
    /// Whether an empty window reads 0 (filter/count) — New Relic's `fill_option static 0`.
    public var fillsZero: Bool
    public var figures: BacktestFigures
    public var incidents: [ReviewIncident]
    public var caught: [FailureEpisode]
    public var missed: [FailureEpisode]
    public var rationale: String
    /// For a proposal, the current condition it replaces (nil for an added one).
    public var replaces: String?
    /// The series of its busiest facet value with its threshold, for a chart.
    public var chart: ReviewChart?
    /// Why a current condition was not backtested; nil when it was (its figures are then
    /// meaningless and left empty in the tables).
    public var refusal: String?

    /// The term that pages first: the critical one, else the warning one.
    public var mainTerm: AlertThreshold? { critical ?? warning }
}

/// An incident of a reviewed condition, judged real or noise.
public struct ReviewIncident: Sendable, Hashable {
    public var facet: String
    public var tier: Tier
    public var incident: BacktestIncident
    public var noise: Bool
    public var topCategory: String
    /// Whether most of the window's errors are unclassified: neither noise nor real, and never
    /// a reason to remove the condition.
    public var unknown: Bool = false
}

/// One facet value's window values and threshold, for drawing the backtest.
public struct ReviewChart: Sendable {
    public var facet: String
    public var windowSeconds: Int
    /// Window start (epoch ms) and value, in time order.
    public var points: [(start: Int64, value: Double)]
    public var threshold: Double
    public var warningThreshold: Double?
    public var incidents: [ReviewIncident]
}

/// Everything the alert review found: the current conditions, the proposals, and the
/// failure episodes they are measured against.
public struct AlertReview: Sendable {
    public var current: [ConditionReview]
    public var proposed: [ConditionReview]
    public var episodes: [FailureEpisode]
    /// Services and categories with recent actionable failures that no current condition matched.
    public var coverageGaps: [CoverageGap]

    /// Current rows, each followed by its proposals; then the added proposals.
    public var rows: [ConditionReview] {
        var rows: [ConditionReview] = []
        for condition in current {
            rows.append(condition)
            rows += proposed.filter { $0.replaces == condition.name }
        }
        rows += proposed.filter { $0.replaces == nil }
        return rows
    }
}

/// Recent actionable failures that no current condition counted.
public struct CoverageGap: Sendable, Hashable {
    public var service: String
    public var category: Category
    public var records: Int
    public var team: String
}
