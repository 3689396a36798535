import LogTriageModel

/// The limits New Relic puts on a static NRQL condition, checked on every proposal before it
/// is written: one it would reject is never written to alerts.tf or alerts-nerdgraph.json.
///
/// From New Relic's documentation and its Terraform provider: the aggregation window 30 s to
/// 6 h (21,600 s, the provider's maximum; the docs say 15 s steps), a threshold duration
/// 60 s to 86,400 s and a multiple of the window, a time limit 300 s to 2,592,000 s, a name
/// of at most 128 characters, at most one critical and one warning term.
public enum ProposalLimits {
    public static let windowSeconds = 30...21_600
    public static let thresholdDurationSeconds = 60...86_400
    public static let violationTimeLimitSeconds = 300...2_592_000
    public static let maximumNameLength = 128

    /// A limit a proposal breaks, as a value; its words are in `Review/Wording`.
    public enum Problem: Sendable, Hashable {
        /// The aggregation window is outside 30–21,600 s or not in 15 s steps.
        case window(seconds: Int)
        /// `slide_by` is not smaller than and a factor of the window.
        case slideBy(seconds: Int, windowSeconds: Int)
        /// Neither a critical nor a warning term.
        case noTerm
        /// A term's duration is outside 60–86,400 s.
        case durationOutOfRange(Tier, seconds: Int)
        /// A term's duration is not a multiple of the window.
        case durationNotMultipleOfWindow(Tier, seconds: Int, windowSeconds: Int)
        /// A term's threshold is not a finite number.
        case thresholdNotANumber(Tier)
        /// `violation_time_limit_seconds` is outside 300–2,592,000 s.
        case timeLimit
        /// The name is longer than ``ProposalLimits/maximumNameLength``.
        case nameTooLong
    }

    /// Why New Relic would reject the proposal; empty when it would accept it.
    public static func problems(_ row: ConditionReview) -> [Problem] {
        var problems: [Problem] = []
        if !windowSeconds.contains(row.windowSeconds) || row.windowSeconds % 15 != 0 {
            problems.append(.window(seconds: row.windowSeconds))
        }
        if let slide = row.slideBySeconds, slide <= 0 || slide >= row.windowSeconds || row.windowSeconds % slide != 0 {
            problems.append(.slideBy(seconds: slide, windowSeconds: row.windowSeconds))
        }
        if row.critical == nil && row.warning == nil { problems.append(.noTerm) }
        for (priority, term) in [(Tier.critical, row.critical), (Tier.warning, row.warning)] {
            guard let term else { continue }
            if !thresholdDurationSeconds.contains(term.durationSeconds) {
                problems.append(.durationOutOfRange(priority, seconds: term.durationSeconds))
            }
            if row.windowSeconds > 0, term.durationSeconds % row.windowSeconds != 0 {
                problems.append(.durationNotMultipleOfWindow(priority, seconds: term.durationSeconds,
                                                             windowSeconds: row.windowSeconds))
            }
            if !term.value.isFinite { problems.append(.thresholdNotANumber(priority)) }
        }
        if !violationTimeLimitSeconds.contains(ProposalSettings.violationTimeLimitSeconds) { problems.append(.timeLimit) }
        if row.name.count > maximumNameLength { problems.append(.nameTooLong) }
        return problems
    }
}
