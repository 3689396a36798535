/// Runs the pipeline over a plan's inputs: read → records → clusters and categories → totals.
///
/// Inputs are read one after another; each file's decompression runs on its own thread
/// beside the parse, which is where the time goes.
public final class Analysis {
    public let configuration: TriageConfiguration
    public let schema: RecordSchema
    /// Whether records are clustered (off only to measure ingest alone).
    public let clusters: Bool

    public init(configuration: TriageConfiguration, clusters: Bool = true) {
        self.configuration = configuration
        self.clusters = clusters
        schema = configuration.schema()
    }

    /// Reads every input. `damage` hears of each skipped, repaired or unreadable place as
    /// it is found (for stderr); the summary keeps the first of each kind. With a spool,
    /// every clustered record's placement is kept for the assignments file.
    public func run(_ plan: InputPlan, progress: IngestProgress? = nil, assignments: AssignmentSpool? = nil,
                    damage: (DamagedPlace) -> Void = { _ in }) throws -> AnalysisResult {
        var summary = IngestSummary()
        let reader = InputReader(parser: RecordParser(schema: schema), maxLineBytes: configuration.maxLineBytes)
        let clusterer = clusters
            ? ErrorClusterer(rules: configuration.categoryRules, slowThresholdMs: configuration.slowThresholdMs) : nil
        var spoolError: (any Error)?
        func report(_ place: DamagedPlace) {
            summary.note(place)
            damage(place)
        }
        for problem in plan.problems {
            var file = FileIngestReport(path: problem.path)
            file.error = problem.reason
            report(DamagedPlace(path: problem.path, position: nil, damage: .unreadable, reason: problem.reason))
            summary.add(file)
        }
        for source in plan.sources {
            let stream: DecodedInputStream
            do {
                stream = try DecodedInputStream(source: source)
            } catch {
                var file = FileIngestReport(path: source.displayName)
                file.error = error.description
                report(DamagedPlace(path: source.displayName, position: nil, damage: .unreadable, reason: error.description))
                summary.add(file)
                continue
            }
            let fileIndex = summary.files.count
            let file = reader.read(stream, path: source.displayName, progress: progress, body: { record in
                guard let clusterer, let placement = clusterer.consume(record), let assignments, spoolError == nil else { return }
                do {
                    try assignments.append(file: fileIndex, position: record.position, cluster: placement.provisional, stale: false)
                } catch {
                    spoolError = error
                }
            }, damage: report)
            summary.add(file)
        }
        if let spoolError { throw spoolError }
        return AnalysisResult(ingest: summary, clustering: clusterer?.finish() ?? .empty)
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
}
