import Foundation
import Testing
@testable import LogTriage
@testable import LogTriageAnalysis
@testable import LogTriageBasics
@testable import LogTriageIngest
import LogTriageTestSupport

/// Stages behind the read: every stage sees every record once and in read order on whichever
/// thread it runs, the stages that read the record see it (a copy, shown again) and the
/// others do not, and a stage failing on a worker stops the read soon and fails the run with
/// its own error.
@Suite("Pipeline: stages on worker threads")
struct StageWorkersTests {
    struct StageFailure: Error, Equatable {
        var ordinal: Int64
    }

    /// Notes the ordinal, file and message-placement of every context, whether it came with
    /// its view and what the view read; throws at `failAt`.
    final class RecordingStage: RecordStage {
        let readsRecordView: Bool
        let failAt: Int64?
        private(set) var ordinals: [Int64] = []
        private(set) var placements: [Int?] = []
        private(set) var withView = 0
        private(set) var readings: [CapturedRecord] = []
        private(set) var finished = false

        init(readsRecordView: Bool = false, failAt: Int64? = nil) {
            self.readsRecordView = readsRecordView
            self.failAt = failAt
        }

        func consume(_ record: borrowing RecordContext) throws {
            try consume(record, viewed: nil)
        }

        func consume(_ record: borrowing RecordContext, view: RecordView) throws {
            try consume(record, viewed: view)
        }

        private func consume(_ record: borrowing RecordContext, viewed view: RecordView?) throws {
            if record.ordinal == failAt { throw StageFailure(ordinal: record.ordinal) }
            ordinals.append(record.ordinal)
            placements.append(record.placement?.provisional)
            if let view {
                withView += 1
                if readsRecordView { readings.append(CapturedRecord(view)) }
            }
        }

        func finish(stale _: StaleVerdicts) throws { finished = true }
    }

    static func file(_ fixtures: InputFixtures, records: Int) throws -> String {
        let lines = (0..<records).map { index in
            let level = index % 3 == 0 ? "ERROR" : "INFO"
            return "{\"timestamp\":\(1_700_000_000_000 + index * 1000),\"level\":\"\(level)\",\"service\":\"s\(index % 4)\",\"message\":\"call \(index % 7) failed after \(index) ms\"}\n"
        }
        return try fixtures.gzip("week.jsonl.gz", members: [Array(lines.joined().utf8)])
    }

    /// Reads `path` through `StageWorkers` with `jobs` and returns how many records the
    /// reading thread handed over.
    @discardableResult
    static func run(_ path: String, stages: [any RecordStage], jobs: Int) throws -> Int {
        let configuration = try TriageConfiguration.defaults()
        let contexts = RecordContextBuilder(clusterer: ErrorClusterer(
            rules: configuration.categoryRules, invoiceStatePolicy: configuration.invoiceStatePolicy,
            slowThresholdMs: configuration.slowThresholdMs))
        let run = IngestRun(configuration: configuration)
        let workers = StageWorkers(stages: stages, jobs: jobs, schema: run.schema)
        defer { workers.cancel() }
        var handedOver = 0
        _ = try run.read(InputPlan(arguments: [path])) { record, file in
            handedOver += 1
            try workers.consume(contexts.context(of: record, file: file), view: record)
        }
        try workers.drain()
        return handedOver
    }

    @Test func everyStageSeesEveryRecordInReadOrderOnAnyThread() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let path = try Self.file(fixtures, records: 10_000)
        let alone = RecordingStage(readsRecordView: true)
        try Self.run(path, stages: [alone], jobs: 1)
        #expect(alone.ordinals == Array(0..<10_000))
        #expect(alone.withView == 10_000, "on the reading thread the view is there")

        let reader = RecordingStage(readsRecordView: true)
        let behind = [RecordingStage(), RecordingStage(), RecordingStage()]
        let workers = StageWorkers(stages: [reader] + behind, jobs: 3, schema: IngestRun(configuration: try .defaults()).schema)
        #expect(workers.workerCount == 2, "four stages behind the read, two threads besides the reading one")
        workers.cancel()
        try Self.run(path, stages: [reader] + behind, jobs: 3)
        #expect(reader.ordinals == alone.ordinals && reader.withView == 10_000)
        #expect(reader.readings == alone.readings, "behind the read, a copy of each record reads as the record did")
        for stage in behind {
            #expect(stage.ordinals == alone.ordinals)
            #expect(stage.placements == alone.placements)
            #expect(stage.withView == 0, "a stage that does not read the record gets no view")
        }
    }

    @Test func longRecordsTravelInSmallerBatchesAndStillReadTheSame() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        // 2,000 records of 12 KB: 24 MB of copies, several batches of a few MiB each.
        let lines = (0..<2_000).map { index in
            let filler = String(repeating: "frame \(index % 13) at pay.Gateway.call\\n", count: 360)
            return "{\"timestamp\":\(1_700_000_000_000 + index * 1000),\"level\":\"ERROR\",\"service\":\"s\(index % 4)\",\"message\":\"call \(index) failed\",\"error.stack\":\"\(filler)\"}\n"
        }
        let path = try fixtures.gzip("long.jsonl.gz", members: [Array(lines.joined().utf8)])
        let inline = RecordingStage(readsRecordView: true)
        try Self.run(path, stages: [inline], jobs: 1)
        let behind = RecordingStage(readsRecordView: true)
        try Self.run(path, stages: [behind, RecordingStage()], jobs: 2)
        #expect(behind.ordinals == Array(0..<2_000))
        #expect(behind.readings == inline.readings)
        #expect(inline.readings.allSatisfy { ($0.fields[.errorStack]?.bytes.count ?? 0) > 10_000 })
    }

    @Test func oneJobKeepsEveryStageOnTheReadingThread() throws {
        let schema = IngestRun(configuration: try .defaults()).schema
        let stages = [RecordingStage(), RecordingStage(readsRecordView: true)]
        #expect(StageWorkers(stages: stages, jobs: 1, schema: schema).workerCount == 0)
        #expect(StageWorkers(stages: [RecordingStage(readsRecordView: true)], jobs: 8, schema: schema).workerCount == 1)
        #expect(StageWorkers(stages: stages, jobs: 8, schema: schema).workerCount == 2)
    }

    /// With two jobs and no alert conditions, the thread that builds the contexts and the
    /// reading thread, which inflates its input itself, fill the two cores; a third thread
    /// inflates ahead only when there is a job for it, or when the reading thread also builds
    /// the contexts (alert conditions).
    @Test func twoJobsWithoutAlertConditionsInflateOnTheReadingThread() throws {
        let configuration = try TriageConfiguration.defaults()
        #expect(!Analysis(configuration: configuration, jobs: 1).decodesAhead)
        #expect(!Analysis(configuration: configuration, jobs: 2).decodesAhead)
        #expect(Analysis(configuration: configuration, jobs: 3).decodesAhead)
        #expect(!Analysis(configuration: configuration, alertConditions: [], jobs: 1).decodesAhead)
        #expect(Analysis(configuration: configuration, alertConditions: [], jobs: 2).decodesAhead)
        // Reading alone (`--ingest-only`), inflating beside the read keeps it near `igzip -dc`.
        #expect(Analysis(configuration: configuration, clusters: false, jobs: 2).decodesAhead)
        #expect(!Analysis(configuration: configuration, clusters: false, jobs: 1).decodesAhead)
    }

    @Test func aStageFailingBehindTheReadStopsTheReadSoonWithItsError() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let path = try Self.file(fixtures, records: 200_000)
        let failing = RecordingStage(failAt: 2_500)
        let other = RecordingStage()
        #expect(throws: StageFailure(ordinal: 2_500)) {
            try Self.run(path, stages: [failing, other], jobs: 2)
        }
        #expect(failing.ordinals == Array(0..<2_500), "nothing after the failing record reaches the failing stage")
        // The reading thread learns of it at its next hand-over: a few batches later at most,
        // far from the 200,000 records of the file.
        let stopped = RecordingStage(failAt: 2_500)
        var seen = 0
        let configuration = try TriageConfiguration.defaults()
        let contexts = RecordContextBuilder(clusterer: ErrorClusterer(
            rules: configuration.categoryRules, invoiceStatePolicy: configuration.invoiceStatePolicy,
            slowThresholdMs: configuration.slowThresholdMs))
        let run = IngestRun(configuration: configuration)
        let workers = StageWorkers(stages: [stopped], jobs: 2, schema: run.schema)
        defer { workers.cancel() }
        #expect(throws: StageFailure(ordinal: 2_500)) {
            _ = try run.read(InputPlan(arguments: [path])) { record, file in
                seen += 1
                try workers.consume(contexts.context(of: record, file: file), view: record)
            }
        }
        #expect(seen > 2_500)
        #expect(seen <= 2_500 + 8 * StageWorkers.batchSize)
    }

    @Test func cancellingLeavesNoThreadBehindAndTheStagesUsable() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let path = try Self.file(fixtures, records: 5_000)
        let stage = RecordingStage()
        let workers = StageWorkers(stages: [stage], jobs: 2, schema: IngestRun(configuration: try .defaults()).schema)
        workers.cancel()
        workers.cancel()
        // A fresh set of workers over the same stage after a cancelled one: it starts clean.
        try Self.run(path, stages: [stage], jobs: 2)
        #expect(stage.ordinals == Array(0..<5_000))
    }
}
