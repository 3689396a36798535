import LogTriageBasics
import LogTriageAlerts

/// `alerts.csv`: one row per current condition, each followed by its proposals, then the
/// added proposals, with what each did on the week.
public enum AlertsTable {
    public static let header = [
        "condition", "kind", "action", "tier", "route", "nrql", "window_s", "operator", "threshold", "duration_s",
        "incidents", "noise_incidents", "incident_minutes", "flapping_incidents", "rationale",
    ]

    public static func table(for review: AlertReview) -> CSVTable {
        var table = CSVTable(header: header)
        for row in review.rows {
            let term = row.mainTerm
            // A condition that was not backtested has no figures: empty, never a misleading 0.
            let figures = row.refusal == nil ? [
                String(row.figures.incidents), String(row.figures.noiseIncidents),
                minutes(row.figures.incidentMinutes), String(row.figures.flappingIncidents),
            ] : ["", "", "", ""]
            table.append([
                row.name, row.kind.rawValue, row.action.rawValue, row.tier, row.route ?? "", row.nrql,
                String(row.windowSeconds), term?.operator.rawValue ?? "", term.map { NRQLValue.format($0.value) } ?? "",
                term.map { String($0.durationSeconds) } ?? "",
            ] + figures + [row.rationale])
        }
        return table
    }

    /// Minutes with one decimal, so sums read the same on every machine.
    static func minutes(_ value: Double) -> String {
        let tenths = Int64((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
