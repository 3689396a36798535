import Dispatch
import LogTriageBasics
import LogTriageIngest
import LogTriageAnalysis
import LogTriageAlerts
import LogTriageReports

/// Merges partials into the result one `analyze` over all their files would have had.
///
/// The files of all parts are put back in path order, as one run reads them; each part's
/// record ordinals are renumbered to that order. Order-free state (biller, service and hourly
/// figures) is added up; what depends on read order is replayed in it: the messages that
/// built the templates, then each part's clusters in the order of their first file, and the
/// dead-letter events. The invoice observations of every part are judged together, and the
/// stale failures move out of the recent figures as in a single run.
public struct PartialMerge {
    public let paths: [String]
    /// The configuration the partials were made with.
    public let configuration: TriageConfiguration
    /// The alert conditions the partials were made with (`--alerts`), nil when none.
    public let conditions: [AlertCondition]?
    /// Each partial's document, without what ``taken`` holds.
    private let runs: [PartialRun]
    /// Each partial's figures and alert state, let go as the merge takes them in.
    private let taken: PartStates
    /// Each partial's rows that grow with the input, in spools (read in ``result(with:assignments:)``).
    private let rows: [PartialSpooledRows]
    /// Each partial's rows after its document, still to read (once: ``result(with:assignments:)``).
    private let tails: [PartialFile.Tail]

    /// Reads every partial's document and checks that they fit together: the same format,
    /// build and configuration, no file twice. The rest of each (its observations and rows, and
    /// its checksum) is read by ``result(with:assignments:)``, which can be asked once; a
    /// damaged partial is refused there, still before anything is written.
    public init(paths: [String]) throws {
        try self.init(paths: paths, configuration: nil)
    }

    /// With `configuration`, the partials are merged with it rather than with the one their
    /// `--config` text gives: the parts of one run (``Analysis/run(_:progress:assignments:damage:)``)
    /// write no text, the run's configuration being at hand.
    package init(paths: [String], configuration: TriageConfiguration?) throws {
        precondition(!paths.isEmpty, "a merge needs at least one partial")
        // Decoding the documents is most of this: the partials are read on every core, and a
        // refusal is the one of the first partial refused, as when reading one after another.
        let results = Locked([Result<(PartialRun, PartialSpooledRows, PartialFile.Tail), any Error>?](repeating: nil, count: paths.count))
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let result = Result { try PartialFile.open(paths[index]) }
            results.withLock { $0[index] = result }
        }
        let opened = try results.withLock { $0 }.map { try $0!.get() }
        var runs = opened.map(\.0)   // each of this build: its header was checked before its document
        let first = runs[0]
        for (path, run) in zip(paths, runs).dropFirst() {
            if run.configurationText != first.configurationText {
                throw PartialError.otherConfiguration(path: path, other: paths[0])
            }
            if run.conditions != first.conditions {
                throw PartialError.otherConditions(path: path, other: paths[0])
            }
            if run.maxLineBytes != first.maxLineBytes {
                throw PartialError.otherLineLimit(path: path, maxLineBytes: run.maxLineBytes, other: paths[0],
                                                  otherMaxLineBytes: first.maxLineBytes)
            }
        }
        var owner: [String: String] = [:]
        for (path, run) in zip(paths, runs) {
            for file in run.paths {
                if let other = owner[file] { throw PartialError.overlapping(file: file, path: path, other: other) }
                owner[file] = path
            }
        }
        if let configuration {
            self.configuration = configuration
        } else {
            do {
                var configuration = try TriageConfiguration.defaults()
                if let text = first.configurationText { try configuration.apply(yaml: text, path: paths[0] + " (its --config)") }
                configuration.maxLineBytes = first.maxLineBytes
                self.configuration = configuration
            } catch {
                throw PartialError.unusableConfiguration(path: paths[0], reason: "\(error)")
            }
        }
        self.paths = paths
        taken = PartStates(runs)
        for index in runs.indices {
            (runs[index].billers, runs[index].services, runs[index].alerts) = (BillerStats(), ServiceStats(), nil)
        }
        self.runs = runs
        rows = opened.map(\.1)
        tails = opened.map(\.2)
        conditions = first.conditions
    }

    /// The merged result; `analysis` (made with ``configuration`` and ``conditions``, and with
    /// last week and New Relic's incidents when known) finishes it as its own run. With a
    /// spool, the parts' assignment rows go into it as one run's would (every partial must
    /// have been made with `--keep-assignments`).
    public func result(with analysis: Analysis, assignments: AssignmentSpool? = nil) throws -> AnalysisResult {
        precondition(analysis.alertConditions == conditions, "the merge reviews the partials' conditions")
        precondition(!taken.areTaken, "a merge's result is asked once")
        taken.areTaken = true
        if assignments != nil, let part = runs.firstIndex(where: { $0.assignments == nil }) {
            throw PartialError.withoutAssignments(path: paths[part])
        }
        let order = FileOrder(runs)
        var summary = IngestSummary()
        for input in order.inputs { summary.add(input.report, firstDamage: input.damage) }

        let clusterer = ErrorClusterer(rules: configuration.categoryRules, invoiceStatePolicy: configuration.invoiceStatePolicy,
                                       slowThresholdMs: configuration.slowThresholdMs)
        let stale = try StaleInvoiceStage(loopGapMilliseconds: configuration.staleLoopGapMilliseconds)
        let clusterStale = try ClusterStaleStage()
        let outcomes = try OutcomeStage(policy: configuration.retryPolicy)
        let timeline = TimelineStage()
        for (part, run) in runs.enumerated() {
            outcomes.absorb(billers: taken.billers[part], services: taken.services[part])
            (taken.billers[part], taken.services[part]) = (BillerStats(), ServiceStats())
            timeline.absorb(run.timeline)
        }
        // Judging the observations shares no state with the clusters, the dead-letter events
        // and the invoice-failure rows of outcomes and clusters: the two are done at once, on
        // two cores (when the analysis may use two). Since the observations are sorted and
        // compared as integers (their accounts' keys), judging them takes about half of what
        // replaying the dead-letter events and the outcomes' rows takes, so the clusters are
        // absorbed, and their rows appended, on the judging side: on the 1 GB bench week's
        // daily partials the merge took 0.20 to 0.22 s, against 0.22 to 0.23 s with the
        // clusters on the replaying side (six alternating runs each).
        let (_, (verdicts, positions)) = try concurrently(threads: analysis.jobs, {
            try replayOutcomes(into: outcomes, order: order)
        }, {
            let verdicts = try judgeObservations(in: stale, order: order)
            let positions = try clusterer.absorb(runs.map(\.clusterer), globalFile: order.globalFile)
            try appendClusterRows(into: clusterStale, order: order, positions: positions)
            return (verdicts, positions)
        })
        var stages: [any RecordStage] = [outcomes, stale, clusterStale, timeline]
        if let assignments {
            let stage = try AssignmentStage(spool: assignments)
            try interleaveAssignments(tails, order: order, positions: positions, into: stage)
            stages.append(stage)
        } else {
            for tail in tails { try tail.finish() }
        }
        let schema = IngestRun(configuration: configuration, extraAttributes: conditions.map(AlertStage.attributes(of:)) ?? []).schema
        var alerts: AlertStage?
        var incidentEvents = analysis.incidentEvents ?? NewRelicIncidentEvents()
        if let conditions {
            let stage = try AlertStage(conditions: conditions, schema: schema, slowThresholdMs: configuration.slowThresholdMs,
                                       windowBudget: configuration.alertTuning.replayWindowBudget)
            var parts: [AlertStage.Snapshot] = []
            for part in runs.indices {
                guard let snapshot = taken.alerts[part] else {
                    throw PartialError.damaged(path: paths[part], reason: "it names alert conditions but holds no alert state")
                }
                parts.append(snapshot)
                taken.alerts[part] = nil
            }
            let cells = try rows.map { try $0.cubeCells.cursor { try $0.cubeCell() } }
            try stage.absorb(parts, cells: cells, globalFile: order.globalFile, provisional: positions) { body in
                try inReadOrder(rows.map(\.alertRows), order: order, decode: { try $0.alertRow() }, reference: \.reference, body)
            }
            stages.append(stage)
            alerts = stage
            var events: [(file: Int, part: Int, index: Int)] = []
            for (part, run) in runs.enumerated() {
                for (index, event) in run.incidentEvents.enumerated() {
                    guard order.globalFile[part].indices.contains(event.file) else {
                        throw PartialError.damaged(path: paths[part], reason: "an incident event names file \(event.file)")
                    }
                    events.append((order.globalFile[part][event.file], part, index))
                }
            }
            for step in events.sorted(by: { ($0.file, $0.part, $0.index) < ($1.file, $1.part, $1.index) }) {
                var text = runs[step.part].incidentEvents[step.index].json
                text.withUTF8 { _ = incidentEvents.add(jsonText: UnsafeRawBufferPointer($0)) }
            }
        }
        try verdicts.finish(stages, threads: analysis.jobs)
        return analysis.result(of: Analysis.StagesRead(
            summary: summary, schema: schema, contexts: RecordContextBuilder(clusterer: clusterer), stale: stale,
            clusterStale: clusterStale, outcomes: outcomes, timeline: timeline, alerts: alerts, stages: stages,
            incidentEvents: incidentEvents, ordinals: [:]))
    }
}

extension PartialMerge {
    /// Replays every part's dead-letter events, then appends its invoice-failure rows, each in
    /// the merged read order.
    private func replayOutcomes(into outcomes: OutcomeStage, order: FileOrder) throws {
        try inReadOrder(rows.map(\.deadLetterEvents), order: order, decode: { try $0.deadLetterEvent() },
                        reference: \.ordinal) { _, _, event in outcomes.replay(event.event) }
        let names = runs.map { outcomes.nameIndices(of: $0.outcomeNames) }
        try inReadOrder(rows.map(\.outcomeRows), order: order, decode: { try $0.outcomeRow() },
                        reference: \.reference) { part, reference, row in
            func merged(_ index: Int32) throws -> Int32 {
                guard index >= 0 else { return -1 }
                guard index < names[part].count else {
                    throw PartialError.damaged(path: paths[part], reason: "an invoice failure row names name \(index), which it does not list")
                }
                return names[part][Int(index)]
            }
            var row = row
            row.reference = reference
            row.service = try merged(row.service)
            row.biller = try merged(row.biller)
            row.source = try merged(row.source)
            try outcomes.append(row)
        }
    }

    /// Appends every part's invoice-failure rows of clusters, in the merged read order and with
    /// the clusters' merged positions.
    private func appendClusterRows(into stage: ClusterStaleStage, order: FileOrder, positions: [[Int]]) throws {
        try inReadOrder(rows.map(\.clusterStaleRows), order: order, decode: { try $0.clusterStaleRow() },
                        reference: \.reference) { part, reference, row in
            guard positions[part].indices.contains(row.provisional) else {
                throw PartialError.damaged(path: paths[part], reason: "a row names cluster \(row.provisional)")
            }
            try stage.append(reference: reference, provisional: positions[part][row.provisional])
        }
    }

    /// Hands over the rows of every part's `sections` in the merged read order, each with its
    /// part and its record's number renumbered to that order. Each part wrote its rows in its
    /// own read order, which the renumbering keeps: merged k ways, they need no sort, and
    /// memory holds one row per part. A part whose rows go back is damaged.
    private func inReadOrder<Row>(_ sections: [PartialSpooledSection], order: FileOrder,
                                  decode: @escaping (inout PartialRowReader) throws -> Row, reference: (Row) -> Int64,
                                  _ body: (_ part: Int, _ reference: Int64, _ row: Row) throws -> Void) throws {
        let cursors = try sections.map { try $0.cursor(decode) }
        let heads = ReadOrderHeads<Row>(count: sections.count)
        try SortedRunMerge.merge(runs: sections.count, advance: { part in
            guard let row = try cursors[part]() else { return false }
            let merged = try order.ordinal(reference(row), part: part, path: paths[part])
            guard merged >= heads.references[part] else {
                throw PartialError.damaged(path: paths[part], reason: "its rows are out of order")
            }
            heads.references[part] = merged
            heads.rows[part] = row
            return true
        }, precedes: { a, b in
            (heads.references[a], a) < (heads.references[b], b)
        }, emit: { part in
            // Moved out, not copied: the run's next row takes the emptied place right after.
            try body(part, heads.references[part], heads.rows[part].take()!)
        })
    }

    /// Judges every part's invoice observations as one run's. Each part wrote them sorted, and
    /// its renumbering keeps their order: merged k ways from the parts' tails, they need no sort.
    private func judgeObservations(in stage: StaleInvoiceStage, order: FileOrder) throws -> StaleVerdicts {
        try stage.judge(sortedRuns: tails.enumerated().map { part, tail in
            var previous: InvoiceObservation?
            return {
                guard var observation = try tail.nextObservation() else { return nil }
                observation.reference = try order.ordinal(observation.reference, part: part, path: tail.path)
                if let previous, InvoiceObservation.precedes(observation, previous) {
                    throw PartialError.damaged(path: tail.path, reason: "its invoice observations are out of order")
                }
                previous = observation
                return observation
            }
        })
    }
}

extension PartialMerge {
    /// Appends the parts' assignment rows in the order one run reads their files: each part
    /// holds its files' rows one file after another, in path order, so the next file's rows
    /// are always next in its owner's tail.
    private func interleaveAssignments(_ tails: [PartialFile.Tail], order: FileOrder, positions: [[Int]],
                                       into stage: AssignmentStage) throws {
        var owner = [Int](repeating: -1, count: order.inputs.count)
        for (part, files) in order.globalFile.enumerated() {
            for file in files { owner[file] = part }
        }
        var next = try tails.map { try $0.nextAssignment() }
        for (merged, part) in owner.enumerated() where part >= 0 {
            while let row = next[part] {
                guard order.globalFile[part].indices.contains(row.file), positions[part].indices.contains(row.provisional) else {
                    throw PartialError.damaged(path: paths[part], reason: "an assignment row names file \(row.file), cluster \(row.provisional)")
                }
                guard order.globalFile[part][row.file] == merged else { break }
                try stage.append(file: merged, position: row.position, provisional: positions[part][row.provisional],
                                 invoiceFailure: try row.invoiceFailure.map { try order.ordinal($0, part: part, path: paths[part]) })
                next[part] = try tails[part].nextAssignment()
            }
        }
        for (part, tail) in tails.enumerated() {
            guard next[part] == nil else {
                throw PartialError.damaged(path: paths[part], reason: "its assignment rows are not in the order of its files")
            }
            try tail.finish()
        }
    }
}

/// Each partial's biller and service figures and alert state, held apart from its document so
/// that the merge lets each go once it has taken it in: the review after the merge then does
/// not run beside every part's copy (the 11 one-file partials of the generated 1 GB week held
/// 16 MB of latency histograms alone). In a class, since ``PartialMerge/result(with:assignments:)``
/// takes them from a merge it does not change otherwise.
private final class PartStates {
    var billers: [BillerStats]
    var services: [ServiceStats]
    var alerts: [AlertStage.Snapshot?]
    var areTaken = false

    init(_ runs: [PartialRun]) {
        billers = runs.map(\.billers)
        services = runs.map(\.services)
        alerts = runs.map(\.alerts)
    }
}

/// The inputs of all parts in the order one run reads them (unusable inputs first, then
/// files, each in path order), and the renumbering of each part's record ordinals to it.
private struct FileOrder {
    let inputs: [PartialInput]
    /// Per part, the merged index of each of its inputs (problems first, as the part counted).
    let globalFile: [[Int]]
    /// Per part, its files' ordinal ranges, sorted, and where each starts in the merged run.
    private let ranges: [[(first: Int64, records: Int64, merged: Int64)]]

    init(_ runs: [PartialRun]) {
        func precedes(_ lhs: PartialInput, _ rhs: PartialInput) -> Bool {
            lhs.report.path.utf8.lexicographicallyPrecedes(rhs.report.path.utf8)
        }
        let problems = runs.flatMap(\.problems).sorted(by: precedes)
        let files = runs.flatMap(\.files).sorted(by: precedes)
        inputs = problems + files
        var index: [String: Int] = [:]
        var start: [String: Int64] = [:]
        var next: Int64 = 0
        for (position, input) in inputs.enumerated() {
            index[input.report.path] = position
            if position >= problems.count {
                start[input.report.path] = next
                next += input.records
            }
        }
        globalFile = runs.map { run in run.paths.map { index[$0]! } }
        ranges = runs.map { run in
            run.files.filter { $0.records > 0 }
                .map { (first: $0.firstOrdinal, records: $0.records, merged: start[$0.report.path]!) }
                .sorted { $0.first < $1.first }
        }
    }

    /// A part's record ordinal in the merged run.
    func ordinal(_ ordinal: Int64, part: Int, path: String) throws -> Int64 {
        let ranges = ranges[part]
        var low = 0, high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].first + ranges[middle].records <= ordinal { low = middle + 1 } else { high = middle }
        }
        guard low < ranges.count, ranges[low].first <= ordinal else {
            throw PartialError.damaged(path: path, reason: "a row names record \(ordinal), which no file holds")
        }
        return ranges[low].merged + (ordinal - ranges[low].first)
    }
}

/// Each part's current row in a k-way merge (``PartialMerge``) and its renumbered record:
/// held in a class, since the merge's closures read them while one of them replaces them.
/// The records apart, so that comparing two heads copies no row.
private final class ReadOrderHeads<Row> {
    var references: [Int64]
    var rows: [Row?]

    init(count: Int) {
        references = Array(repeating: .min, count: count)
        rows = Array(repeating: nil, count: count)
    }
}
