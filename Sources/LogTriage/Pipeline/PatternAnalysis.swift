import LogTriageBasics
import LogTriageIngest
import LogTriageAnalysis
import LogTriageReports

/// `logtriage patterns`: every record's message through the template miner.
public final class PatternAnalysis {
    public let configuration: TriageConfiguration

    /// The template miner's settings (its template cap, among them).
    public let miner: TemplateMinerConfiguration

    public init(configuration: TriageConfiguration, miner: TemplateMinerConfiguration = .default) {
        self.configuration = configuration
        self.miner = miner
    }

    /// Reads every input, mining each record's message; with a spool, every record's
    /// placement is kept for the assignments file.
    ///
    /// `jobs`: the cores the run may keep busy. With one, the reading thread mines and inflates.
    /// With more, the reading thread copies each record's text for miners behind it (`jobs - 1`
    /// of them, and at least two: see ``minersBehindOneRead(jobs:)``); the patterns are the same
    /// for any number. The assignments file needs every record
    /// placed in read order, so with a spool one miner works behind the read. Near the template
    /// cap, or when new messages outgrow their journals, several miners cannot be merged
    /// (``PatternMergeError``): the files are then read again with one miner
    /// (``readAgainWithOneMiner``). Standard input cannot be, so it always has one miner.
    ///
    /// With two jobs or more and several files (no spool, no standard input), the files are
    /// read in parts side by side (``parts(of:jobs:)``), whose miners merge as one run's.
    public func run(_ plan: InputPlan, jobs: Int = 1, progress: IngestProgress? = nil, assignments: AssignmentSpool? = nil,
                    damage: (DamagedPlace) -> Void = { _ in }) throws -> (ingest: IngestSummary, patterns: PatternResult) {
        readAgainWithOneMiner = false
        let canReadAgain = plan.sources.allSatisfy { if case .file = $0 { true } else { false } }
        let miners = jobs <= 1 ? 0 : assignments == nil && canReadAgain ? Self.minersBehindOneRead(jobs: jobs) : 1
        do {
            if assignments == nil && canReadAgain, let parts = parts(of: plan, jobs: jobs) {
                return try readInParts(parts, of: plan, progress: progress, damage: damage)
            }
            return try read(plan, miners: miners, progress: progress, assignments: assignments, damage: damage)
        } catch is PatternMergeError {
            readAgainWithOneMiner = true
            // The same input again: its damage was reported the first time.
            return try read(plan, miners: 1, progress: nil, assignments: assignments, damage: { _ in })
        }
    }

    /// The miners behind one read with `jobs` (two or more) when they may be merged: `jobs - 1`,
    /// and at least two, though the run then has more threads than jobs.
    ///
    /// The reading thread bounds one read, and the miners together mine only what it hands
    /// over, so a second miner adds no work: it takes the next batch while the first is busy.
    /// With one miner behind it, the two cores idled about a fifth of the read on the bench week
    /// (the miner waited for batches, then a batch waited for the miner while the inflating
    /// thread held the other core). On the 1 GB bench week with two jobs, ten alternating
    /// pairs took 0.89 to 1.16 s with two miners against 1.08 to 1.22 s with one, for the same
    /// CPU time; three were no faster than two (README, Speed).
    static func minersBehindOneRead(jobs: Int) -> Int { max(2, jobs - 1) }

    /// Whether the last run read its input a second time, with one miner, because several
    /// could not be merged (see ``run(_:jobs:progress:assignments:damage:)``).
    public private(set) var readAgainWithOneMiner = false

    /// Whether several files may be read in parts side by side (tests turn it off, to compare).
    package var readsFilesSideBySide = true

    /// Raised when another part of the run has failed: the parts read side by side stop at
    /// their next record (a test raises it before the read).
    package var stopSignal: StopSignal?

    /// One read of `plan`: with no miner behind it, the reading thread mines.
    private func read(_ plan: InputPlan, miners: Int, progress: IngestProgress?, assignments: AssignmentSpool?,
                      damage: (DamagedPlace) -> Void) throws -> (ingest: IngestSummary, patterns: PatternResult) {
        let placements = Placements(spool: assignments)
        let reader = IngestRun(configuration: configuration, decodesAhead: miners > 0)
        let ingest: IngestSummary
        let result: PatternResult
        if miners == 0 {
            let collector = PatternCollector(miner: miner)
            ingest = try reader.read(plan, progress: progress, damage: damage) { record, file in
                try placements.place(collector.consume(record), file: file, position: record.position)
            }
            result = collector.finish()
        } else {
            let workers = PatternWorkers(count: miners, miner: miner, placed: assignments == nil ? nil : { template, record in
                try placements.place(template, file: record.file, position: record.position)
            })
            defer { workers.cancel() }
            ingest = try reader.read(plan, progress: progress, damage: damage) { record, file in
                try workers.consume(record, file: file)
            }
            result = try workers.finish()
        }
        templates = placements.templates
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

/// Each record's provisional template as a slot in the assignments spool: slots are given in
/// order of first use, and resolved to patterns when the report is written.
private final class Placements {
    let spool: AssignmentSpool?
    private(set) var templates: [TemplateID] = []
    private var slots: [TemplateID: Int] = [:]

    init(spool: AssignmentSpool?) { self.spool = spool }

    func place(_ template: TemplateID, file: Int, position: RecordPosition) throws {
        guard let spool else { return }
        let slot: Int
        if let known = slots[template] {
            slot = known
        } else {
            slot = templates.count
            templates.append(template)
            slots[template] = slot
        }
        try spool.append(file: file, position: position, cluster: slot, stale: false)
    }
}
