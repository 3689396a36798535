import Foundation
import LogTriage

/// The closing lines a run prints on stderr.
enum RunSummary {
    static func ingestLine(_ summary: IngestSummary, elapsed: TimeInterval, out: String) -> String {
        let bytes = summary.files.reduce(0) { $0 + $1.decompressedBytes }
        var line = "read \(ProgressDisplay.grouped(summary.records)) records from \(summary.files.count) file(s), "
            + "\(ProgressDisplay.megabytes(bytes)) in \(String(format: "%.1f", elapsed)) s"
            + " (\(String(format: "%.0f", Double(bytes) / max(elapsed, 0.001) / 1e6)) MB/s)"
        let skipped = summary.skipped.total
        if skipped > 0 { line += "; skipped \(ProgressDisplay.grouped(skipped)) line(s)" }
        if summary.repairedRecords > 0 { line += "; repaired \(summary.repairedRecords) record(s)" }
        let troubled = summary.files.filter { $0.truncated || $0.error != nil }.count
        if troubled > 0 { line += "; \(troubled) file(s) truncated or unreadable" }
        return line + "; report in \(out)"
    }

    static func clusterLine(_ result: ClusteringResult) -> String {
        let top = result.categoryCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.rawValue < $1.key.rawValue }
            .prefix(4).map { "\($0.key.rawValue) \(ProgressDisplay.grouped($0.value))" }
        return "\(ProgressDisplay.grouped(result.errorRecords)) errors and \(ProgressDisplay.grouped(result.warningRecords)) warnings "
            + "in \(ProgressDisplay.grouped(result.clusters.count)) clusters; top categories: \(top.joined(separator: ", "))"
    }
}
