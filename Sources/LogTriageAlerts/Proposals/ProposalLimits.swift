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

    /// Why New Relic would reject the proposal; empty when it would accept it.
    public static func problems(_ row: ConditionReview) -> [String] {
        var problems: [String] = []
        if !windowSeconds.contains(row.windowSeconds) || row.windowSeconds % 15 != 0 {
            problems.append("its window (\(row.windowSeconds) s) is outside 30–21,600 s in 15 s steps")
        }
        if let slide = row.slideBySeconds, slide <= 0 || slide >= row.windowSeconds || row.windowSeconds % slide != 0 {
            problems.append("its slide_by (\(slide) s) is not smaller than and a factor of its window (\(row.windowSeconds) s)")
        }
        if row.critical == nil && row.warning == nil { problems.append("it has no term") }
        for (priority, term) in [("critical", row.critical), ("warning", row.warning)] {
            guard let term else { continue }
            if !thresholdDurationSeconds.contains(term.durationSeconds) {
                problems.append("its \(priority) duration (\(term.durationSeconds) s) is outside 60–86,400 s")
            }
            if row.windowSeconds > 0, term.durationSeconds % row.windowSeconds != 0 {
                problems.append("its \(priority) duration (\(term.durationSeconds) s) is not a multiple of the window (\(row.windowSeconds) s)")
            }
            if !term.value.isFinite { problems.append("its \(priority) threshold is not a number") }
        }
        if !violationTimeLimitSeconds.contains(ProposalSettings.violationTimeLimitSeconds) {
            problems.append("its time limit is outside 300–2,592,000 s")
        }
        if row.name.count > maximumNameLength { problems.append("its name is longer than 128 characters") }
        return problems
    }
}
