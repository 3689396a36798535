import Foundation
import LogTriageBasics
import LogTriageIngest
import LogTriageAnalysis
import LogTriageAlerts
import LogTriageHistory
import LogTriageReports

/// Runs the pipeline over a plan's inputs: read → records → clusters and categories → totals.
///
/// With three jobs or more and several files, the files are split into parts read side by
/// side, each as a partial run, and merged (``parts(of:)``). Otherwise they are read one
/// after another; with more than one job, each file's decompression runs
/// on its own thread beside the parse (with one, on the reading thread). Each record becomes
/// one ``RecordContext`` that every stage consumes through the ``RecordStage`` protocol;
/// stale-invoice verdicts, known only at the end, are one store the stages ask when they
/// finish. With more than one job, the stages run on threads of their own behind the read
/// (``StageWorkers``), the alert conditions on copies of the records they read; without alert
/// conditions the contexts are built behind the read as well (``RecordContextWorker``). The
/// builder and every stage still see the records in read order, so the reports are the same
/// for any number of jobs.
public final class Analysis {
    public let configuration: TriageConfiguration
    /// Whether records are clustered (off only to measure ingest alone).
    public let clusters: Bool
    /// The team's alert conditions to backtest (`--alerts`); nil skips the alert review.
    public let alertConditions: [AlertCondition]?
    /// New Relic's incidents given apart from the inputs (`--incidents`); those among the
    /// inputs are added to them. Compared with the replay when there are any.
    public let incidentEvents: NewRelicIncidentEvents?
    /// Last week, when known before the run: the alert review reads its chronic failures.
    public let previousWeek: BaselineCounts?
    /// Threads the analysis may use (`--jobs`), the reading one included. Decompression runs
    /// on the reading thread or on a thread of its own besides (``decodesAhead``).
    public let jobs: Int
    /// Whether a plan of several files may be read in parts side by side (``parts(of:)``);
    /// off to test the one reading pipeline with many jobs.
    package var readsFilesSideBySide = true
    /// Raised by another part of the same run that failed: the read stops at the next record.
    package var stopSignal: StopSignal?

    /// Whether each input is inflated on a thread of its own, ahead of the reading one.
    ///
    /// Not with one job (it keeps to one core), nor with two jobs and no alert conditions:
    /// there the thread that builds the contexts behind the read has about as much work as
    /// reading and inflating together (1.38 s of CPU against 0.85 and 0.55 s on the 1 GB bench
    /// week), so the two threads fill the two cores, and the reading thread parses each chunk
    /// from its own cache just after inflating it. A third busy thread on two cores only took
    /// turns with the other two, and made the run slower for more CPU in all (README, Speed).
    /// With alert conditions the reading thread also builds the contexts and is the longest,
    /// and inflating beside it is no slower; `patterns` keeps its inflating thread too (its
    /// reading thread is the longest).
    package var decodesAhead: Bool {
        guard clusters else { return jobs > 1 }
        return jobs > (buildsContextsBehind ? 2 : 1)
    }

    /// Whether the contexts are built behind the read, on a thread of the run's `jobs`: with
    /// more than one job and no stage that reads the record itself. The alert stage is the
    /// only one that does, so this is known before the stages are made (the read checks it
    /// against them).
    private var buildsContextsBehind: Bool { jobs > 1 && alertConditions == nil }

    public init(configuration: TriageConfiguration, clusters: Bool = true, alertConditions: [AlertCondition]? = nil,
                incidentEvents: NewRelicIncidentEvents? = nil, previousWeek: BaselineCounts? = nil, jobs: Int = 1) {
        self.configuration = configuration
        self.jobs = max(1, jobs)
        self.clusters = clusters
        self.alertConditions = clusters ? alertConditions : nil
        self.incidentEvents = incidentEvents
        self.previousWeek = previousWeek
    }

    /// Reads every input (see `IngestRun`), turns each record into its context once, and
    /// hands it to every stage; then judges the invoice loops and lets each stage finish with
    /// the verdicts. With a spool, every clustered record's placement is kept for the
    /// assignments file. A stage that fails stops the read at that record.
    public func run(_ plan: InputPlan, progress: IngestProgress? = nil, assignments: AssignmentSpool? = nil,
                    damage: (DamagedPlace) -> Void = { _ in }) throws -> AnalysisResult {
        guard clusters else {
            let run = IngestRun(configuration: configuration, decodesAhead: decodesAhead)
            let summary = try run.read(plan, progress: progress, damage: damage) { _, _ in }
            return AnalysisResult(ingest: summary, clustering: .empty, outcomes: OutcomeFigures(policy: configuration.retryPolicy),
                                  staleInvoices: .init(), sourceIdGaps: [], alerts: nil)
        }
        if let parts = parts(of: plan) {
            return try runInParts(parts, progress: progress, assignments: assignments, damage: damage)
        }
        let read = try self.read(plan, progress: progress, assignments: assignments, damage: damage)
        let verdicts = try read.stale.judge()
        try verdicts.finish(read.stages, threads: jobs)
        return result(of: read)
    }

    /// What a read leaves once its last record is in: the stages, before any has finished.
    struct StagesRead {
        let summary: IngestSummary
        let schema: RecordSchema
        let contexts: RecordContextBuilder
        let stale: StaleInvoiceStage
        let clusterStale: ClusterStaleStage
        let outcomes: OutcomeStage
        let timeline: TimelineStage
        let alerts: AlertStage?
        let stages: [any RecordStage]
        let incidentEvents: NewRelicIncidentEvents
        /// With `partial`, the NrAiIncident events among the inputs as read, with their files.
        var incidentTexts: [PartialIncidentEvent] = []
        /// Per file (its index in the summary), the ordinal of its first record and its records.
        let ordinals: [Int: (first: Int64, count: Int64)]
    }

    /// Reads every input and hands each record's context to every stage, then waits for the
    /// stages behind the read. `partial` keeps what a partial run writes down besides (its
    /// dead-letter events go to the sections' first as they come), and `partialAssignments`
    /// its records' placements.
    func read(_ plan: InputPlan, progress: IngestProgress?, assignments: AssignmentSpool?, partial: PartialSections? = nil,
              partialAssignments: PartialAssignmentStage? = nil, damage: (DamagedPlace) -> Void) throws -> StagesRead {
        let run = IngestRun(configuration: configuration,
                            extraAttributes: alertConditions.map(AlertStage.attributes(of:)) ?? [],
                            decodesAhead: decodesAhead)
        let contexts = RecordContextBuilder(clusterer: ErrorClusterer(
            rules: configuration.categoryRules, invoiceStatePolicy: configuration.invoiceStatePolicy,
            slowThresholdMs: configuration.slowThresholdMs))
        let stale = try StaleInvoiceStage(loopGapMilliseconds: configuration.staleLoopGapMilliseconds, threads: jobs)
        let clusterStale = try ClusterStaleStage()
        let outcomes = try OutcomeStage(policy: configuration.retryPolicy)
        let timeline = TimelineStage()
        if let partial {
            contexts.tellsFiles = true
            contexts.clusterer.keepJournal()
            outcomes.keepDeadLetterJournal(in: partial.deadLetterEvents)
        }
        let alerts = try alertConditions.map {
            try AlertStage(conditions: $0, schema: run.schema, slowThresholdMs: configuration.slowThresholdMs,
                           windowBudget: configuration.alertTuning.replayWindowBudget)
        }
        // Costly first: the workers are dealt stages in this order.
        var stages: [any RecordStage] = []
        if let alerts { stages.append(alerts) }
        stages += [outcomes, stale, clusterStale, timeline]
        if let assignments { stages.append(try AssignmentStage(spool: assignments)) }
        if let partialAssignments { stages.append(partialAssignments) }
        // Without a stage that reads the record itself, the contexts are built behind the read
        // too, on a thread of the run's `jobs`: the stages run behind it, on that thread or on
        // threads of their own. With alert conditions the stages alone keep a thread as busy
        // as the reading one, and the contexts stay with the read.
        let buildsBehind = jobs > 1 && !stages.contains { $0.readsRecordView }
        assert(buildsBehind == buildsContextsBehind, "decodesAhead assumed otherwise")
        let workers = StageWorkers(stages: stages, jobs: buildsBehind ? jobs - 1 : jobs, schema: run.schema)
        let builder = buildsBehind ? RecordContextWorker(builder: contexts, stages: workers, schema: run.schema) : nil
        // Lent to each record's call unretained (`builder` holds it to the end): a retain and a
        // release around every call took about a fourteenth of the reading thread in one
        // profile. An atomic operation waits for the thread's pending stores (a record's scan
        // and copy), so taking one away moved its cost to the next: every one the reading
        // thread made per record went (here, in the copies, the scanner's table, the path).
        let unretainedBuilder = builder.map(Unmanaged.passUnretained)
        defer {
            builder?.cancel()
            workers.cancel()
        }

        var incidentEvents = self.incidentEvents ?? NewRelicIncidentEvents()
        var ordinals: [Int: (first: Int64, count: Int64)] = [:]
        var incidentTexts: [PartialIncidentEvent] = []
        // Every record read becomes one context, numbered in read order: counted here, its
        // number is its ordinal wherever the context is built.
        var records: Int64 = 0
        var currentFile = -1, firstOrdinal: Int64 = 0
        let stopSignal = self.stopSignal
        let summary = try run.read(plan, progress: progress, damage: damage,
                                   incidentEvent: { text, file in
            incidentEvents.add(jsonText: text)
            if partial != nil { incidentTexts.append(PartialIncidentEvent(file: file, json: String(decoding: text, as: UTF8.self))) }
        }) { record, file in
            if let stopSignal, stopSignal.isRaised { throw StoppedByAnotherPart() }
            if file != currentFile {
                if currentFile >= 0 { ordinals[currentFile] = (firstOrdinal, records - firstOrdinal) }
                currentFile = file
                firstOrdinal = records
            }
            records += 1
            if let unretainedBuilder {
                try unretainedBuilder._withUnsafeGuaranteedRef { try $0.consume(record, file: file) }
            } else {
                try workers.consume(contexts.context(of: record, file: file), view: record)
            }
        }
        if currentFile >= 0 { ordinals[currentFile] = (firstOrdinal, records - firstOrdinal) }
        try builder?.drain()
        try workers.drain()
        return StagesRead(summary: summary, schema: run.schema, contexts: contexts, stale: stale, clusterStale: clusterStale,
                          outcomes: outcomes, timeline: timeline, alerts: alerts, stages: stages,
                          incidentEvents: incidentEvents, incidentTexts: incidentTexts, ordinals: ordinals)
    }

    /// The run's result from its finished stages (`read.stages` have seen the verdicts).
    func result(of read: StagesRead) -> AnalysisResult {
        let summary = read.summary, alerts = read.alerts, outcomes = read.outcomes, incidentEvents = read.incidentEvents
        var review: AlertReview?
        var comparison: IncidentComparison?
        if let alerts, let alertConditions {
            let first = (summary.firstTimestamp ?? 0), last = (summary.lastTimestamp ?? first)
            let range = Self.seconds(first)...Self.seconds(last)
            review = AlertReviewer(stage: alerts, rules: configuration.categoryRules, tuning: configuration.alertTuning,
                                   schema: read.schema, range: range, previousWeek: previousWeek, routing: configuration.routing,
                                   deadLetterServices: Set(outcomes.figures.deadLetters.services
                                       .filter { $0.value.retryMismatches > 0 }.keys), threads: jobs).review()
            if let review, self.incidentEvents != nil || !incidentEvents.isEmpty {
                comparison = IncidentComparison(review: review, conditions: alertConditions,
                                                incidents: incidentEvents.incidents, range: range)
            }
        }
        let figures = outcomes.figures
        var result = AnalysisResult(ingest: summary,
                                    clustering: read.contexts.clusterer.finish(staleByProvisional: read.clusterStale.staleByProvisional),
                                    outcomes: figures, staleInvoices: read.stale.summary ?? .init(),
                                    sourceIdGaps: figures.services.sourceIdGaps(
                                        minimumMissingRatio: configuration.retryPolicy.rareSourceIdRatio),
                                    alerts: review, timeline: read.timeline.timeline)
        result.incidentComparison = comparison
        return result
    }

    /// Epoch ms to the second holding it (rounding down, also before 1970).
    static func seconds(_ milliseconds: Int64) -> Int64 {
        milliseconds >= 0 ? milliseconds / 1000 : -((-milliseconds + 999) / 1000)
    }

    /// Writes the run's reports into `directory`, all or nothing, and the assignments file
    /// when a spool was kept.
    /// `comparison` is last week and where it came from; `trend` the history's last weeks.
    public func writeReports(_ result: AnalysisResult, to directory: String,
                             assignments: (spool: AssignmentSpool, path: String)? = nil,
                             comparison: (WeekComparison, source: String)? = nil, trend: [HistoryRun] = []) throws {
        let folder = try ReportFolder(directory: directory)
        try folder.write(SummaryDocument(result: result).json().rendered(), as: "summary.json")
        try folder.write(IngestTable.table(for: result.ingest).rendered(), as: "ingest.csv")
        if clusters {
            try folder.write(CategoriesTable.table(for: result.clustering, comparison: comparison?.0).rendered(),
                             as: "categories.csv")
            try folder.write(BillersTable.table(for: result.outcomes.billers).rendered(), as: "billers.csv")
            try folder.write(ServicesTable.table(for: result.outcomes.services, deadLetters: result.outcomes.deadLetters).rendered(),
                             as: "services.csv")
        }
        if let review = result.alerts {
            try folder.write(AlertsTable.table(for: review).rendered(), as: "alerts.csv")
            try folder.write(IncidentsTable.table(for: review).rendered(), as: "incidents.csv")
            try folder.write(ChronicTable.table(for: review, clustering: result.clustering).rendered(), as: "chronic.csv")
            try folder.write(RoutingTable.table(for: review).rendered(), as: "routing.csv")
            try folder.write(TerraformDocument(review: review).rendered(), as: "alerts.tf")
            try folder.write(NerdGraphDocument(review: review).rendered(), as: "alerts-nerdgraph.json")
        }
        if let comparison = result.incidentComparison {
            try folder.write(IncidentComparisonTable.table(for: comparison).rendered(), as: "incidents-compared.csv")
        }
        var charts: Set<String> = []
        if clusters {
            let report = WeeklyReport(context: WeeklyReportContext(
                result: result, rules: configuration.categoryRules, slowThresholdMs: configuration.slowThresholdMs,
                comparison: comparison?.0, comparisonSource: comparison?.source, trend: trend,
                alertTuning: configuration.alertTuning))
            try folder.write(report.markdown(), as: "report.md")
            for chart in report.charts() {
                try folder.write(chart.svg, as: chart.name)
                charts.insert(chart.name)
            }
        }
        if let assignments {
            let clustering = result.clustering
            try assignments.spool.write(to: assignments.path, files: result.ingest.files.map(\.path)) { provisional in
                let cluster = clustering.clusters[clustering.clusterIndex[provisional]]
                return (cluster.id, cluster.classification.category.rawValue)
            }
        }
        try folder.commit()
        // Backtest charts of conditions no longer proposed would mislead beside the new report.
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where name.hasPrefix("backtest-") && name.hasSuffix(".svg") && !charts.contains(name) {
            unlink(directory + "/" + name)
        }
        if result.incidentComparison == nil && names.contains("incidents-compared.csv") {
            unlink(directory + "/incidents-compared.csv")
        }
    }
}
