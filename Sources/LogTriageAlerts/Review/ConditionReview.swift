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
    /// What the backtest showed, what the review decided and why, or how a proposal was
    /// written, as values; ``rationale`` puts them in words.
    var notes: [ReviewNote]
    /// For a proposal, the current condition it replaces (nil for an added one).
    public var replaces: String?
    /// The series of its busiest facet value with its threshold, for a chart.
    public var chart: ReviewChart?
    /// Why a current condition was not backtested; nil when it was (its figures are then
    /// meaningless and left empty in the tables).
    public var refusal: ConditionRefusal?
    /// `slide_by` in seconds: windows of ``windowSeconds`` evaluated this often; nil for tumbling windows.
    public var slideBySeconds: Int? = nil
    /// Its alert quality on the week: episodes detected, masked and missed, time red with and
    /// without a cause, pages.
    public var quality = AlertQuality()
    /// False for a current condition disabled in New Relic: it pages nobody today.
    public var enabled = true
    /// Billers its NRQL leaves out because their failures are chronic (chronic.csv): the
    /// exclusion is to be removed once each is fixed.
    public var chronicExclusions: [String] = []
    /// For a current condition that is kept but pages the wrong team: the team whose policy
    /// it moves to (alerts.tf moves it there rather than copying it).
    public var moveTo: String? = nil
    /// A current condition as it was read, for writing it again where it moves.
    public var condition: AlertCondition? = nil

    /// The term that pages first: the critical one, else the warning one.
    public var mainTerm: AlertThreshold? { critical ?? warning }

    /// What the review found wrong with a current condition, as its decision gives them;
    /// empty for a sound condition and for proposals.
    public var findings: [ReviewFinding] {
        notes.lazy.compactMap { if case let .decision(_, findings) = $0 { findings } else { nil } }.first ?? []
    }

    /// Whether New Relic would miss records the replay counted, reading attributes as written
    /// (a record carrying one under another alias or case).
    var countsRecordsNewRelicMisses: Bool {
        notes.contains { if case .aliasMisses = $0 { true } else { false } }
    }
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
    /// Minutes it stayed open on real failures and on noise, judged window by window
    /// (``IncidentTime``); the rest, if any, on unclassified errors before any real one.
    public var realMinutes: Double = 0
    public var noiseMinutes: Double = 0
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
    /// Failures that went on all week (and all last week, when known): tickets for their
    /// owners, left out of the paging proposals.
    public var chronic: [ChronicFailure] = []
    /// When last week's chronic failures were known per biller, its first record (epoch ms):
    /// a chronic failure has then failed since before it. Nil when chronic only means
    /// failing through this whole export.
    public var previousWeekStart: Int64? = nil
    /// The analysed range in epoch seconds.
    public var range: ClosedRange<Int64> = 0...0
    /// Who is told about what (`routing:`), for the policies, workflows and on-call load.
    public var routing = AlertRouting()
    /// Recent actionable failures (chronic ones left out) per owning team and tier: what each
    /// team can act on this week.
    public var actionableFailures: [String: [Tier: Int]] = [:]

    public init(current: [ConditionReview], proposed: [ConditionReview], episodes: [FailureEpisode],
                coverageGaps: [CoverageGap], chronic: [ChronicFailure] = [], previousWeekStart: Int64? = nil,
                range: ClosedRange<Int64> = 0...0, routing: AlertRouting = AlertRouting(),
                actionableFailures: [String: [Tier: Int]] = [:]) {
        self.current = current
        self.proposed = proposed
        self.episodes = episodes
        self.coverageGaps = coverageGaps
        self.chronic = chronic
        self.previousWeekStart = previousWeekStart
        self.range = range
        self.routing = routing
        self.actionableFailures = actionableFailures
    }

    /// Every team a condition routes to, before or after the review, sorted.
    public var teams: [String] {
        Array(Set((current + proposed).compactMap(\.route) + current.compactMap(\.moveTo))).sorted()
    }

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
