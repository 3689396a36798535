import LogTriageBasics
import LogTriageAnalysis

/// `services.csv`: one row per service, by name. The `missing_*` columns are shares (0–1) of
/// the service's records. The header is an output contract.
public enum ServicesTable {
    public static let header = [
        "service", "records", "errors", "warnings", "stale_failures", "dead_letters", "retry_mismatches",
        "missing_source_id", "missing_biller_id", "missing_account_id", "p50_ms", "p95_ms", "p99_ms",
    ]

    /// Dead letters and mismatches come from `deadLetters`; without it they are 0. A service
    /// seen only by the detector still gets a row, so no dead letter goes unreported.
    public static func table(for stats: ServiceStats, deadLetters: DeadLetterDetector? = nil) -> CSVTable {
        var table = CSVTable(header: header)
        let detected = deadLetters?.services ?? [:]
        let names = Set(stats.services.keys).union(detected.keys).sorted()
        for name in names {
            let figures = stats.services[name] ?? ServiceFigures()
            let letters = detected[name] ?? DeadLetterFigures()
            table.append([
                name, String(figures.records), String(figures.errors), String(figures.warnings),
                String(figures.staleFailures), String(letters.deadLetters), String(letters.retryMismatches),
                RatioText.text(figures.missingSourceId, of: figures.records),
                RatioText.text(figures.missingBillerId, of: figures.records),
                RatioText.text(figures.missingAccountId, of: figures.records),
            ] + figures.latency.percentileFields)
        }
        return table
    }
}
