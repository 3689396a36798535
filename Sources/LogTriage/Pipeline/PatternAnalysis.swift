import LogTriageBasics
import LogTriageIngest
import LogTriageAnalysis
import LogTriageReports

/// `logtriage patterns`: every record's message through the template miner.
public final class PatternAnalysis {
    public let configuration: TriageConfiguration

    public init(configuration: TriageConfiguration) { self.configuration = configuration }

    /// Reads every input, mining each record's message; with a spool, every record's
    /// placement is kept for the assignments file.
    public func run(_ plan: InputPlan, progress: IngestProgress? = nil, assignments: AssignmentSpool? = nil,
                    damage: (DamagedPlace) -> Void = { _ in }) throws -> (ingest: IngestSummary, patterns: PatternResult) {
        let collector = PatternCollector()
        var templates: [TemplateID] = []
        var templateSlot: [TemplateID: Int] = [:]
        let ingest = try IngestRun(configuration: configuration).read(plan, progress: progress, damage: damage) { record, file in
            let template = collector.consume(record)
            guard let assignments else { return }
            let slot: Int
            if let known = templateSlot[template] {
                slot = known
            } else {
                slot = templates.count
                templates.append(template)
                templateSlot[template] = slot
            }
            try assignments.append(file: file, position: record.position, cluster: slot, stale: false)
        }
        let result = collector.finish()
        self.templates = templates
        return (ingest, result)
    }

    private var templates: [TemplateID] = []

    /// Writes `summary.json`, `ingest.csv` and `patterns.csv`, and the assignments file.
    public func writeReports(ingest: IngestSummary, patterns: PatternResult, to directory: String,
                             assignments: (spool: AssignmentSpool, path: String)? = nil) throws {
        let folder = try ReportFolder(directory: directory)
        let result = AnalysisResult(ingest: ingest, clustering: .empty, outcomes: OutcomeFigures(policy: configuration.retryPolicy), staleInvoices: .init(), sourceIdGaps: [])
        try folder.write(SummaryDocument(result: result).json().rendered(), as: "summary.json")
        try folder.write(IngestTable.table(for: ingest).rendered(), as: "ingest.csv")
        try folder.write(PatternsTable.table(for: patterns).rendered(), as: "patterns.csv")
        if let assignments {
            let templates = self.templates
            try assignments.spool.write(to: assignments.path, files: ingest.files.map(\.path)) { slot in
                (patterns.patterns[patterns.patternIndex[templates[slot]]!].id, "")
            }
        }
        try folder.commit()
    }
}
