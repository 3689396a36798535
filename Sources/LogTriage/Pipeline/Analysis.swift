/// Runs the pipeline over a plan's inputs: read → records → clusters and categories → totals.
///
/// Inputs are read one after another; each file's decompression runs on its own thread
/// beside the parse, which is where the time goes.
public final class Analysis {
    public let configuration: TriageConfiguration
    /// Whether records are clustered (off only to measure ingest alone).
    public let clusters: Bool

    public init(configuration: TriageConfiguration, clusters: Bool = true) {
        self.configuration = configuration
        self.clusters = clusters
    }

    /// Reads every input (see `IngestRun`) and clusters its error, warning and slow records.
    /// With a spool, every clustered record's placement is kept for the assignments file.
    public func run(_ plan: InputPlan, progress: IngestProgress? = nil, assignments: AssignmentSpool? = nil,
                    damage: (DamagedPlace) -> Void = { _ in }) throws -> AnalysisResult {
        let clusterer = clusters
            ? ErrorClusterer(rules: configuration.categoryRules, slowThresholdMs: configuration.slowThresholdMs) : nil
        var outcomes = OutcomeFigures(policy: configuration.retryPolicy)
        var spoolError: (any Error)?
        let summary = IngestRun(configuration: configuration).read(plan, progress: progress, damage: damage) { record, file in
            guard let clusterer else { return }
            let placement = clusterer.consume(record)
            outcomes.consume(record, placement: placement)
            guard let placement, let assignments, spoolError == nil else { return }
            do {
                try assignments.append(file: file, position: record.position, cluster: placement.provisional, stale: false)
            } catch {
                spoolError = error
            }
        }
        if let spoolError { throw spoolError }
        return AnalysisResult(ingest: summary, clustering: clusterer?.finish() ?? .empty, outcomes: outcomes)
    }

    /// Writes the run's reports into `directory`, all or nothing, and the assignments file
    /// when a spool was kept.
    public func writeReports(_ result: AnalysisResult, to directory: String,
                             assignments: (spool: AssignmentSpool, path: String)? = nil) throws {
        let folder = try ReportFolder(directory: directory)
        try folder.write(SummaryDocument(result: result).json().rendered(), as: "summary.json")
        try folder.write(IngestTable.table(for: result.ingest).rendered(), as: "ingest.csv")
        if clusters {
            try folder.write(CategoriesTable.table(for: result.clustering).rendered(), as: "categories.csv")
            try folder.write(BillersTable.table(for: result.outcomes.billers).rendered(), as: "billers.csv")
            try folder.write(ServicesTable.table(for: result.outcomes.services, deadLetters: result.outcomes.deadLetters).rendered(),
                             as: "services.csv")
        }
        if let assignments {
            let clustering = result.clustering
            try assignments.spool.write(to: assignments.path, files: result.ingest.files.map(\.path)) { provisional in
                let cluster = clustering.clusters[clustering.clusterIndex[provisional]]
                return (cluster.id, cluster.classification.category.rawValue)
            }
        }
        try folder.commit()
    }
}

/// Everything one analysis found.
public struct AnalysisResult: Sendable {
    public let ingest: IngestSummary
    public let clustering: ClusteringResult
    public let outcomes: OutcomeFigures
}
