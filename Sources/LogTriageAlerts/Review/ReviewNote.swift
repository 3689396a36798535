import LogTriageModel

/// One statement of a review row's rationale, kept as a value: what the backtest showed, what
/// the review decided and why, how a proposal was written. Its words are made only when a
/// report asks for ``ConditionReview/rationale`` (`Wording/`).
enum ReviewNote: Sendable, Equatable {
    // What a current condition did on the week.

    /// Incidents opened, and how many of them on noise.
    case incidents(total: Int, noise: Int)
    /// Incidents whose opening window held mostly unclassified errors.
    case unknownIncidents(Int)
    /// Incidents that opened on stale-invoice failures.
    case staleIncidents(Int)
    /// Incidents that opened in windows without any error.
    case incidentsWithoutError(Int)
    /// Episodes detected, masked, late and missed; `ofWhatItMatches` for a current
    /// condition, judged only on the services and categories it counts.
    case detection(AlertQuality, ofWhatItMatches: Bool)
    /// Records counted here that New Relic would miss, reading attributes as written: per
    /// attribute and the alias (or case) it was carried under, how many.
    case aliasMisses(records: Int, carriers: [AliasCarrier: Int])
    /// Matching records without the FACET attribute, not counted.
    case unfacetedRecords(Int)
    /// More facet values than New Relic keeps: it fails such a condition.
    case facetLimitExceeded(limit: Int, droppedRecords: Int)
    /// The conditions file routes it to nobody.
    case noRoute
    /// Disabled in New Relic.
    case disabled
    /// Why it was not backtested.
    case notBacktested(ConditionRefusal)

    // What the review decided about a current condition.

    /// A sound condition that already detects what the proposal of this name would.
    case covers(proposal: String)
    /// The decision and the findings behind it.
    case decision(ConditionDecision, findings: [ReviewFinding])
    /// A proposal meant to replace it that New Relic would reject, so it is not written.
    case proposalNotWritten(name: String, problems: [ProposalLimits.Problem])

    // How a proposal was chosen and written.

    /// An added proposal: no current condition counted its failures.
    case coverageGap
    /// A current condition moved to the warning tier and routed to `route`.
    case warningTierChange(route: String?)
    /// The tier, service, targeted recent failures per category and team of a plan.
    case plan(tier: Tier, service: String, recent: [Category: Int], team: String)
    /// The form of query chosen, whether quiet windows read 0, and the tuner's account of the
    /// other forms.
    case form(ProposalPlan.Form, zeroWhenEmpty: Bool, otherForms: [String])
    /// An explanation the tuner or the page budget wrote while choosing the candidate (its
    /// window, threshold and duration); the review never decides on it.
    case tuning(String)
    /// The gap filling and loss-of-signal settings it is written with.
    case gapFilling(zeroWhenEmpty: Bool)
    /// `violation_time_limit_seconds`.
    case timeLimit(seconds: Int)
    /// Stale-invoice failures left out by the attribute the integration is asked to set.
    case staleExclusion(failures: Int)
    /// Chronic failures left out: tickets for their owners, not pages.
    case chronicExclusion([ChronicFailure])
    /// Targeted failures without `error.class`, which no attribute-based query counts.
    case unclassedFailures(Int)
    /// Time red with and without a cause, and pages.
    case red(AlertQuality)
    /// The `alerts:` limits every candidate breaks (the tuner's words).
    case noCandidateKeepsLimits([String])
}
