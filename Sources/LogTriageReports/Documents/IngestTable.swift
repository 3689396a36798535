import LogTriageBasics
import LogTriageIngest

/// `ingest.csv`: one row per input file, in the order read. `incident_events` counts the New
/// Relic `NrAiIncident` events set aside (not records).
public enum IngestTable {
    public static let header = [
        "path", "compression", "framing", "records", "skipped_lines", "invalid_json", "not_json", "blank",
        "oversized", "repaired_records", "untimed_records", "truncated", "error", "compressed_bytes",
        "decompressed_bytes", "incident_events",
    ]

    public static func table(for summary: IngestSummary) -> CSVTable {
        var table = CSVTable(header: header)
        for file in summary.files {
            table.append([
                file.path, file.compression?.rawValue ?? "", file.framing ?? "", String(file.records),
                String(file.skippedLines), String(file.skipped[.invalidJson]), String(file.skipped[.notJson]),
                String(file.skipped[.blank]), String(file.skipped[.oversized]), String(file.repairedRecords),
                String(file.untimedRecords), file.truncated ? "true" : "false", file.error ?? "",
                String(file.compressedBytes), String(file.decompressedBytes), String(file.incidentEvents),
            ])
        }
        return table
    }
}
