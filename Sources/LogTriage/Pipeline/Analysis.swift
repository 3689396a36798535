/// Runs the pipeline over a plan's inputs: read → records → (later stages) → totals.
///
/// Inputs are read one after another; each file's decompression runs on its own thread
/// beside the parse, which is where the time goes.
public final class Analysis {
    public let configuration: TriageConfiguration
    public let schema: RecordSchema

    public init(configuration: TriageConfiguration) {
        self.configuration = configuration
        schema = configuration.schema()
    }

    /// Reads every input. `damage` hears of each skipped, repaired or unreadable place as
    /// it is found (for stderr); the summary keeps the first of each kind.
    public func run(_ plan: InputPlan, progress: IngestProgress? = nil,
                    damage: (DamagedPlace) -> Void = { _ in }) -> IngestSummary {
        var summary = IngestSummary()
        let reader = InputReader(parser: RecordParser(schema: schema), maxLineBytes: configuration.maxLineBytes)
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
            let file = reader.read(stream, path: source.displayName, progress: progress, body: { _ in }, damage: report)
            summary.add(file)
        }
        return summary
    }

    /// Writes the run's reports into `directory`, all or nothing.
    public func writeReports(_ summary: IngestSummary, to directory: String) throws {
        let folder = try ReportFolder(directory: directory)
        try folder.write(SummaryDocument(ingest: summary).json().rendered(), as: "summary.json")
        try folder.write(IngestTable.table(for: summary).rendered(), as: "ingest.csv")
        try folder.commit()
    }
}
