import Foundation
import LogTriageBasics
import LogTriageAlerts
import LogTriageReports
extension IncidentComparison {
    /// Compares the run's replay with the `NrAiIncident` events at `incidentsPath` and writes
    /// `incidents-compared.csv` into `directory`; returns the comparison for the run summary.
    public static func write(result: AnalysisResult, conditions: [AlertCondition], incidentsPath: String,
                             directory: String) throws -> IncidentComparison? {
        guard let review = result.alerts else { return nil }
        let incidents = try NewRelicIncident.load(path: incidentsPath)
        let first = result.ingest.firstTimestamp ?? 0
        let last = result.ingest.lastTimestamp ?? first
        let range = (first / 1000)...(max(first, last) / 1000)
        let comparison = IncidentComparison(review: review, conditions: conditions, incidents: incidents, range: range)
        let folder = try ReportFolder(directory: directory)
        try folder.write(IncidentComparisonTable.table(for: comparison).rendered(), as: "incidents-compared.csv")
        try folder.commit()
        return comparison
    }

    /// One line per condition for the run summary: `matched 3, only in New Relic 1, only in the replay 0`.
    public var summaryLines: [String] {
        counts.sorted { $0.key < $1.key }.map { name, count in
            "incidents of '\(name)': \(count.matched) matched, \(count.onlyNewRelic) only in New Relic, \(count.onlyReplay) only in the replay"
        }
    }
}
