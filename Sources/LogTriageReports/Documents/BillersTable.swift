import LogTriageBasics
import LogTriageAnalysis

/// `billers.csv`: one row per (biller, source) pair, the worst recent-failure ratio first.
/// The header is an output contract: columns are added at the end, never renamed.
public enum BillersTable {
    public static let header = [
        "biller_id", "source_id", "records", "success", "failure", "stale_failure", "recent_failure",
        "failure_ratio", "recent_failure_ratio", "p50_ms", "p95_ms", "p99_ms",
    ]

    public static func table(for stats: BillerStats) -> CSVTable {
        var table = CSVTable(header: header)
        for (key, figures) in stats.sortedPairs() {
            table.append([
                key.billerId, key.sourceText, String(figures.records), String(figures.successes),
                String(figures.failures), String(figures.staleFailures), String(figures.recentFailures),
                RatioText.text(figures.failures, of: figures.records),
                RatioText.text(figures.recentFailures, of: figures.records),
            ] + figures.latency.percentileFields)
        }
        return table
    }
}
