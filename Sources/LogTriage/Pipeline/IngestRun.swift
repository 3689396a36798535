import LogTriageIngest
import LogTriageAnalysis

/// Reads a plan's inputs one after another and hands every record to a consumer, with the
/// index of its file in the summary's `files` (for assignments).
///
/// Shared by every command that reads exports, so all of them account for input the same way.
public struct IngestRun {
    public let configuration: TriageConfiguration
    public let schema: RecordSchema
    /// Whether each input is inflated on a thread of its own, ahead of the reading one; a run
    /// given one job inflates on the reading thread, so that it keeps to one core.
    public let decodesAhead: Bool

    /// `extraAttributes`: attributes besides the canonical fields' aliases that a later stage
    /// reads (those alert conditions name).
    public init(configuration: TriageConfiguration, extraAttributes: [String] = [], decodesAhead: Bool = true) {
        self.configuration = configuration
        schema = configuration.schema(extraAttributes: extraAttributes)
        self.decodesAhead = decodesAhead
    }

    /// `damage` hears of each skipped, repaired or unreadable place as it is found; the
    /// summary keeps the first of each kind. An error thrown by `consume` stops the read at
    /// that record (no later record or file is read) and is rethrown. `incidentEvent` receives
    /// the JSON text of each New Relic `NrAiIncident` event among the inputs, which is not a
    /// record, with the index of its file.
    public func read(_ plan: InputPlan, progress: IngestProgress? = nil, damage: (DamagedPlace) -> Void = { _ in },
                     incidentEvent: (UnsafeRawBufferPointer, Int) -> Void = { _, _ in },
                     record consume: (RecordView, Int) throws -> Void) throws -> IngestSummary {
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
                stream = try DecodedInputStream(source: source, decodesAhead: decodesAhead)
            } catch {
                var file = FileIngestReport(path: source.displayName)
                file.error = error.description
                report(DamagedPlace(path: source.displayName, position: nil, damage: .unreadable, reason: error.description))
                summary.add(file)
                continue
            }
            let fileIndex = summary.files.count
            var failure: (any Error)?
            let file = reader.read(stream, path: source.displayName, progress: progress, until: { record in
                do {
                    try consume(record, fileIndex)
                    return true
                } catch {
                    failure = error
                    return false
                }
            }, incidentEvent: { incidentEvent($0, fileIndex) }, damage: report)
            if let failure { throw failure }
            summary.add(file.report)
        }
        return summary
    }
}
