import LogTriageBasics
import LogTriageAnalysis

/// `categories.csv`: one row per cluster, most records first (ties by cluster id).
///
/// The columns and their order are a contract; new columns are only ever appended. `reason`
/// (last) is the evidence that decided the category, or the unclassified notice.
public enum CategoriesTable {
    public static let header = [
        "cluster", "category", "team", "tier", "retryable", "service", "exception_class", "template", "count",
        "first_seen", "last_seen", "example_message", "example_frame", "runbook", "stale_failures", "recent_failures",
        "baseline_count", "change", "reason",
    ]

    /// With a comparison, `baseline_count` and `change` are filled and the clusters that are
    /// gone this week follow as rows with a count of 0; without one both columns are empty.
    public static func table(for result: ClusteringResult, comparison: WeekComparison? = nil) -> CSVTable {
        var table = CSVTable(header: header)
        var byID: [String: ClusterComparison] = [:]
        for entry in comparison?.clusters ?? [] { byID[entry.id] = entry }
        for cluster in result.clusters {
            let entry = byID[cluster.id]
            let classification = cluster.classification
            table.append([
                cluster.id, classification.category.rawValue, classification.team, classification.tier.rawValue,
                classification.retryable.map { $0 ? "yes" : "no" } ?? "",
                cluster.service, cluster.exceptionClasses.joined(separator: ";"), cluster.template,
                String(cluster.count),
                cluster.firstSeen.map { ISO8601Time.string(milliseconds: $0) } ?? "",
                cluster.lastSeen.map { ISO8601Time.string(milliseconds: $0) } ?? "",
                cluster.exampleMessage, cluster.exampleFrame ?? "", classification.runbook ?? "",
                String(cluster.staleCount), String(cluster.errorCount - cluster.staleCount),
                entry.map { String($0.baselineCount) } ?? (comparison == nil ? "" : "0"),
                entry?.change.rawValue ?? "", classification.reasonText,
            ])
        }
        for entry in comparison?.clusters(.gone) ?? [] {
            table.append([
                entry.id, entry.baseline?.category ?? "", "", "", "", entry.baseline?.service ?? "", "",
                entry.baseline?.template ?? "", "0", "", "", "", "", "", "0", "0", String(entry.baselineCount),
                entry.change.rawValue, "",
            ])
        }
        return table
    }
}
