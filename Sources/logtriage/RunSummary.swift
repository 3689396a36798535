import Foundation
import LogTriage
import LogTriageIngest
import LogTriageAnalysis
import LogTriageAlerts
import LogTriageReports

/// The closing lines a run prints on stderr.
enum RunSummary {
    /// What the analysis found, after the ingest line: clusters, outcomes, the alert review
    /// and the comparison with New Relic's incidents, when there are.
    static func analysisLines(_ result: AnalysisResult) -> [String] {
        var lines = [clusterLine(result.clustering)] + outcomeLines(result)
        if let review = result.alerts { lines += alertLines(review) }
        if let comparison = result.incidentComparison { lines += incidentLines(comparison) }
        return lines
    }

    static func ingestLine(_ summary: IngestSummary, elapsed: TimeInterval, out: String, partial: Bool = false) -> String {
        let bytes = summary.files.reduce(0) { $0 + $1.decompressedBytes }
        var line = "read \(ProgressDisplay.grouped(summary.records)) records from \(summary.files.count) file(s), "
            + "\(ProgressDisplay.megabytes(bytes)) in \(String(format: "%.1f", elapsed)) s"
            + " (\(String(format: "%.0f", Double(bytes) / max(elapsed, 0.001) / 1e6)) MB/s)"
        let skipped = summary.skipped.total
        if skipped > 0 { line += "; skipped \(ProgressDisplay.grouped(skipped)) line(s)" }
        if summary.repairedRecords > 0 { line += "; repaired \(summary.repairedRecords) record(s)" }
        if summary.incidentEvents > 0 {
            line += "; set aside \(ProgressDisplay.grouped(summary.incidentEvents)) NrAiIncident event(s)"
        }
        let troubled = summary.files.filter { $0.truncated || $0.error != nil }.count
        if troubled > 0 { line += "; \(troubled) file(s) truncated or unreadable" }
        return line + (partial ? "; partial in \(out)" : "; report in \(out)")
    }

    /// Stale-invoice noise, dead letters and the services that send no `sourceId`.
    static func outcomeLines(_ result: AnalysisResult) -> [String] {
        let stale = result.staleInvoices
        var lines = ["stale-invoice noise: \(ProgressDisplay.grouped(stale.staleFailures)) of the errors; "
            + "\(ProgressDisplay.grouped(stale.recentFailures)) recent failures in invoice loops; "
            + "\(ProgressDisplay.grouped(result.unjudgedFailures)) errors without account or invoice date"]
        let deadLetters = result.outcomes.deadLetters
        if deadLetters.totalDeadLetters > 0 {
            lines.append("dead letters: \(ProgressDisplay.grouped(deadLetters.totalDeadLetters)), "
                + "\(ProgressDisplay.grouped(deadLetters.totalMismatches)) after a retryable error with few or no retries")
        }
        for gap in result.sourceIdGaps {
            lines.append("\(gap.service) \(gap.missingSourceId == gap.records ? "never sends" : "rarely sends") sourceId: "
                + "\(ProgressDisplay.grouped(gap.unattributedFailures)) failures cannot be attributed to a source")
        }
        return lines
    }

    /// One line per current condition and a line for the proposals.
    static func alertLines(_ review: AlertReview) -> [String] {
        var lines = review.current.map { row in
            if let refusal = row.refusal { return "alert '\(row.name)': not backtested: \(refusal)" }
            return "alert '\(row.name)': \(row.figures.incidents) incident(s), \(row.figures.noiseIncidents) noise; \(row.action.rawValue)"
        }
        let added = review.proposed.filter { $0.action == .add }.count
        lines.append("\(review.proposed.count) proposed condition(s), \(added) for coverage gaps (alerts.csv, alerts.tf, alerts-nerdgraph.json)")
        return lines
    }

    /// One line per condition New Relic or the replay opened incidents for.
    static func incidentLines(_ comparison: IncidentComparison) -> [String] {
        comparison.counts.sorted { $0.key < $1.key }.map { name, count in
            "incidents of '\(name)': \(count.matched) matched, \(count.onlyNewRelic) only in New Relic, "
                + "\(count.onlyReplay) only in the replay (incidents-compared.csv)"
        }
    }

    static func clusterLine(_ result: ClusteringResult) -> String {
        let top = result.categoryCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.rawValue < $1.key.rawValue }
            .prefix(4).map { "\($0.key.rawValue) \(ProgressDisplay.grouped($0.value))" }
        return "\(ProgressDisplay.grouped(result.errorRecords)) errors and \(ProgressDisplay.grouped(result.warningRecords)) warnings "
            + "in \(ProgressDisplay.grouped(result.clusters.count)) clusters"
            + (top.isEmpty ? "" : "; top categories: \(top.joined(separator: ", "))")
    }
}
