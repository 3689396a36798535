import Foundation
import Testing
@testable import LogTriage
@testable import LogTriageAnalysis
@testable import LogTriageBasics
@testable import LogTriageIngest
@testable import LogTriageSample
import LogTriageTestSupport

/// Contexts built behind the read: the builder sees each record as a copy shown again, on a
/// thread of its own, and every context must be what the reading thread would have built; a
/// stage failing behind it still stops the read soon with its own error.
@Suite("Pipeline: contexts built behind the read")
struct RecordContextWorkerTests {
    /// Writes down everything a context holds that a stage reads, one line per record.
    final class ContextRecorder: RecordStage {
        let failAt: Int64?
        private(set) var lines: [String] = []

        init(failAt: Int64? = nil) {
            self.failAt = failAt
        }

        func consume(_ record: borrowing RecordContext) throws {
            if record.ordinal == failAt { throw StageWorkersTests.StageFailure(ordinal: record.ordinal) }
            let facts = record.facts, placement = record.placement, loop = record.invoiceObservation
            lines.append([
                "\(record.ordinal) \(record.file) \(record.position) \(record.severity)",
                "\(placement.map { "\($0.provisional) \($0.category) \(String(describing: $0.retryable)) \($0.invoiceState)" } ?? "-")",
                "\(String(describing: facts.time)) \(facts.service) \(facts.billerId ?? "-") \(facts.sourceId ?? "-")",
                "\(record.names.service) \(record.names.billerId) \(record.names.sourceId)",
                "\(facts.accountId ?? "-") \(facts.invoiceDate ?? "-") \(facts.traceId ?? "-") \(facts.outcome ?? "-")",
                "\(facts.isError) \(facts.isWarning) \(facts.hasStack) \(String(describing: facts.durationMs))",
                "\(facts.message ?? "-") \(String(describing: facts.category)) \(String(describing: facts.retryable))",
                "\(loop.map { "\($0.account) \($0.invoiceDay) \($0.time) \($0.outcome) \($0.reference)" } ?? "-")",
            ].joined(separator: " | "))
        }

        func finish(stale _: StaleVerdicts) throws {}
    }

    static func builder() throws -> RecordContextBuilder {
        let configuration = try TriageConfiguration.defaults()
        return RecordContextBuilder(clusterer: ErrorClusterer(
            rules: configuration.categoryRules, invoiceStatePolicy: configuration.invoiceStatePolicy,
            slowThresholdMs: configuration.slowThresholdMs))
    }

    /// Reads `paths` with the contexts built on the reading thread (`behind` false) or by a
    /// ``RecordContextWorker``, the stages on `jobs` threads behind it; returns how many
    /// records the reading thread handed over.
    @discardableResult
    static func run(_ paths: [String], stages: [any RecordStage], behind: Bool, jobs: Int = 1,
                    keyWork: RecordContextWorker.KeyWork = .whenBehind) throws -> Int {
        let contexts = try builder()
        let run = IngestRun(configuration: try .defaults())
        let workers = StageWorkers(stages: stages, jobs: jobs, schema: run.schema)
        let worker = behind ? RecordContextWorker(builder: contexts, stages: workers, schema: run.schema, keyWork: keyWork) : nil
        defer {
            worker?.cancel()
            workers.cancel()
        }
        var handedOver = 0
        _ = try run.read(InputPlan(arguments: paths)) { record, file in
            handedOver += 1
            if let worker {
                try worker.consume(record, file: file)
            } else {
                try workers.consume(contexts.context(of: record, file: file), view: record)
            }
        }
        try worker?.drain()
        try workers.drain()
        return handedOver
    }

    /// A generated week with its damage (repaired lines, embedded JSON messages, stack traces,
    /// several files): the contexts built behind the read are those of the reading thread,
    /// wherever the placement keys are worked out.
    @Test(arguments: [(1, RecordContextWorker.KeyWork.whenBehind), (2, .whenBehind), (3, .whenBehind), (2, .reader),
                      (2, .worker)])
    func contextsBuiltBehindTheReadAreTheReadingThreadsOnes(jobs: Int, keyWork: RecordContextWorker.KeyWork) throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        _ = try SampleExportGenerator.write(to: fixtures.path("week"), options: .init(seed: 5, scale: 0.2, includeDamage: true))
        let files = JobsDeterminismTests.gzipFiles(under: fixtures.path("week/logs"))
        #expect(files.count > 3)
        let inline = ContextRecorder()
        try Self.run(files, stages: [inline], behind: false)
        #expect(inline.lines.count > 5_000)
        #expect(inline.lines.contains { $0.contains("| -") == false }, "some record has a placement, a loop and every fact")
        let recorders = [ContextRecorder(), ContextRecorder()]
        try Self.run(files, stages: recorders, behind: true, jobs: jobs, keyWork: keyWork)
        for recorder in recorders {
            #expect(recorder.lines.count == inline.lines.count)
            let first = zip(recorder.lines, inline.lines).first { $0 != $1 }
            #expect(first == nil, "first difference: \(String(describing: first))")
        }
    }

    /// Each name id stands for one text of the facts, and the same text has one id (the
    /// generated week's names are plain UTF-8); a record without a service has the id of
    /// ``RecordFacts/noService``, one without a biller or source -1.
    @Test func nameIdsStandForTheFactsTexts() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        _ = try SampleExportGenerator.write(to: fixtures.path("week"), options: .init(seed: 9, scale: 0.1, includeDamage: true))
        let recorder = NameRecorder()
        try Self.run(JobsDeterminismTests.gzipFiles(under: fixtures.path("week/logs")), stages: [recorder], behind: true, jobs: 2)
        #expect(recorder.records > 2_000)
        #expect(recorder.textOfID.count > 10, "services, billers and sources")
        #expect(recorder.contradictions.count == 0, "first: \(recorder.contradictions.prefix(3))")
        #expect(recorder.withoutBiller > 0 && recorder.withBiller > 0)
    }

    final class NameRecorder: RecordStage {
        private(set) var textOfID: [Int32: String] = [:]
        private var idOfText: [String: Int32] = [:]
        private(set) var contradictions: [String] = []
        private(set) var records = 0, withBiller = 0, withoutBiller = 0

        func consume(_ record: borrowing RecordContext) throws {
            records += 1
            let names = record.names, facts = record.facts
            check(names.service, facts.service)
            if let billerId = facts.billerId { check(names.billerId, billerId); withBiller += 1 } else {
                if names.billerId != -1 { contradictions.append("no biller, id \(names.billerId)") }
                withoutBiller += 1
            }
            if let sourceId = facts.sourceId { check(names.sourceId, sourceId) } else if names.sourceId != -1 {
                contradictions.append("no source, id \(names.sourceId)")
            }
        }

        private func check(_ id: Int32, _ text: String) {
            if id < 0 { contradictions.append("\(text) has id \(id)") }
            if let known = textOfID[id], known != text { contradictions.append("id \(id): \(known) and \(text)") }
            if let known = idOfText[text], known != id { contradictions.append("\(text): ids \(known) and \(id)") }
            textOfID[id] = text
            idOfText[text] = id
        }

        func finish(stale _: StaleVerdicts) throws {}
    }

    @Test func aStageFailingBehindTheBuilderStopsTheReadSoonWithItsError() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let path = try StageWorkersTests.file(fixtures, records: 200_000)
        for jobs in [1, 2] {
            let failing = ContextRecorder(failAt: 2_500)
            var handedOver = 0
            #expect(throws: StageWorkersTests.StageFailure(ordinal: 2_500)) {
                handedOver = try Self.run([path], stages: [failing, ContextRecorder()], behind: true, jobs: jobs)
            }
            #expect(failing.lines.count == 2_500, "nothing after the failing record reaches the failing stage")
            _ = handedOver
        }
        // The reading thread learns of it at a hand-over a few batches later, far from the
        // 200,000 records of the file.
        let contexts = try Self.builder()
        let run = IngestRun(configuration: try .defaults())
        let workers = StageWorkers(stages: [ContextRecorder(failAt: 2_500)], jobs: 2, schema: run.schema)
        let worker = RecordContextWorker(builder: contexts, stages: workers, schema: run.schema)
        defer {
            worker.cancel()
            workers.cancel()
        }
        var seen = 0
        #expect(throws: StageWorkersTests.StageFailure(ordinal: 2_500)) {
            _ = try run.read(InputPlan(arguments: [path])) { record, file in
                seen += 1
                try worker.consume(record, file: file)
            }
            try worker.drain()
            try workers.drain()
        }
        #expect(seen > 2_500)
        #expect(seen <= 2_500 + 16 * StageWorkers.batchSize)
    }
}
