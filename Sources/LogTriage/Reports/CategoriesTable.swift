/// `categories.csv`: one row per cluster, most records first (ties by cluster id).
public enum CategoriesTable {
    public static let header = [
        "cluster", "category", "team", "tier", "retryable", "service", "exception_class", "template", "count",
        "first_seen", "last_seen", "example_message", "example_frame", "runbook", "stale_failures", "recent_failures",
    ]

    public static func table(for result: ClusteringResult) -> CSVTable {
        var table = CSVTable(header: header)
        for cluster in result.clusters {
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
            ])
        }
        return table
    }
}
