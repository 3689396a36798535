import LogTriageBasics
import LogTriageAlerts

/// `incidents-compared.csv` (with `--incidents`): New Relic's incidents beside the replay's,
/// one row per incident: `condition,priority,facet,status,new_relic_opened,new_relic_closed,replay_opened,replay_closed,reason`.
public enum IncidentComparisonTable {
    public static let header = [
        "condition", "priority", "facet", "status", "new_relic_opened", "new_relic_closed", "replay_opened",
        "replay_closed", "reason",
    ]

    public static func table(for comparison: IncidentComparison) -> CSVTable {
        var table = CSVTable(header: header)
        for row in comparison.rows {
            table.append([
                row.condition, row.priority.rawValue, row.facet, row.status.rawValue,
                row.newRelic.map { ISO8601Time.string(milliseconds: $0.opened) } ?? "",
                row.newRelic?.closed.map { ISO8601Time.string(milliseconds: $0) } ?? "",
                row.replay.map { ISO8601Time.string(milliseconds: $0.opened) } ?? "",
                row.replay.flatMap { $0.openAtEnd ? nil : ISO8601Time.string(milliseconds: $0.closed) } ?? "",
                row.reason,
            ])
        }
        return table
    }
}
