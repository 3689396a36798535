import LogTriageAlerts
import LogTriageModel

/// One condition's settings in the units the simulation runs in (epoch ms), with New Relic's
/// documented defaults for what the condition leaves out.
///
/// Read from New Relic's documentation, not from the replay (`ConditionReplay`), so that the
/// incidents the sample carries check the replay instead of echoing it:
/// *Streaming alerts: key terms and concepts* (delay 2 minutes, timer 1 minute),
/// *Create NRQL alert conditions* (signal history kept 2 hours or the threshold duration,
/// whichever is longer) and the Terraform provider (incidents close after 3 days).
struct StreamingSettings: Sendable {
    let window: Int64
    /// Between two window starts: `slide_by`, else the window.
    let step: Int64
    let method: AggregationMethod
    /// `aggregation_delay` (event flow, cadence) or `aggregation_timer` (event timer).
    let wait: Int64
    let fill: FillOption
    let expiration: Int64?
    let closeOnExpiration: Bool
    let openOnExpiration: Bool
    /// After this long without a record the signal's history is gone: a gap is not filled.
    let history: Int64
    let timeLimit: Int64?
    let terms: [(priority: Tier, threshold: AlertThreshold)]

    static let documentedDelay: Int64 = 120_000
    static let documentedTimer: Int64 = 60_000
    static let documentedHistory: Int64 = 7_200_000

    init(_ condition: AlertCondition) {
        window = Int64(condition.windowSeconds) * 1000
        step = Int64(condition.slideBySeconds ?? condition.windowSeconds) * 1000
        method = condition.aggregationMethod
        switch condition.aggregationMethod {
        case .eventTimer: wait = condition.aggregationTimerSeconds.map { Int64($0) * 1000 } ?? Self.documentedTimer
        case .eventFlow, .cadence: wait = condition.aggregationDelaySeconds.map { Int64($0) * 1000 } ?? Self.documentedDelay
        }
        fill = condition.fill
        expiration = condition.expirationSeconds.map { Int64($0) * 1000 }
        closeOnExpiration = condition.closeOnExpiration
        openOnExpiration = condition.openOnExpiration
        terms = condition.terms
        let longest = terms.map { Int64($0.threshold.durationSeconds) * 1000 }.max() ?? 0
        history = max(Self.documentedHistory, longest)
        timeLimit = condition.violationTimeLimitSeconds > 0 ? Int64(condition.violationTimeLimitSeconds) * 1000 : nil
    }

    /// Evaluations in a row a term needs to open (`all`) or to close: its duration in steps.
    func evaluations(for threshold: AlertThreshold) -> Int {
        max(1, Int(Int64(threshold.durationSeconds) * 1000 / step))
    }
}
