import LogTriageBasics
import LogTriageAlerts

/// `incidents.csv`: every incident of every reviewed condition, in the order of `alerts.csv`
/// and by time within a condition. `top_category` is the opening window's most frequent
/// category among the clustered records the condition counted, `stale_invoice` when
/// stale-invoice failures outnumber it, empty when the window held none, `loss_of_signal`
/// for a loss-of-signal incident. `priority` is the term that opened it (`critical` or
/// `warning`), so a two-term condition's incidents can be told apart.
public enum IncidentsTable {
    public static let header = ["condition", "kind", "priority", "facet", "opened", "closed", "peak", "noise",
                                      "top_category"]

    public static func table(for review: AlertReview) -> CSVTable {
        var table = CSVTable(header: header)
        for row in review.rows {
            for incident in row.incidents {
                table.append([
                    row.name, row.kind.rawValue, incident.tier.rawValue, incident.facet,
                    ISO8601Time.string(milliseconds: incident.incident.opened),
                    incident.incident.openAtEnd ? "" : ISO8601Time.string(milliseconds: incident.incident.closed),
                    incident.incident.lossOfSignal ? "" : peak(incident.incident.peak), incident.noise ? "yes" : "no", incident.topCategory,
                ])
            }
        }
        return table
    }

    /// Up to three decimals, trailing zeros dropped.
    static func peak(_ value: Double) -> String {
        NRQLValue.format((value * 1000).rounded() / 1000)
    }
}
