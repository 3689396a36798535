import Foundation
import Testing
@testable import LogTriage
@testable import LogTriageAnalysis
@testable import LogTriageBasics
@testable import LogTriageIngest
import LogTriageTestSupport

/// The stage protocol's contract: a failing stage stops the read at once, and the stale
/// verdicts are one store every stage can walk in its own rows' order.
@Suite("Pipeline: record stages and the stale-verdict store")
struct RecordStageTests {
    struct StageFailure: Error, Equatable {}

    static func records(_ count: Int, from first: Int) -> [UInt8] {
        Array((first..<(first + count)).map { index in
            "{\"timestamp\":\(1_700_000_000_000 + index * 1000),\"level\":\"ERROR\",\"message\":\"failure \(index)\"}\n"
        }.joined().utf8)
    }

    @Test func aFailingConsumerStopsTheReadAtThatRecord() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let first = try fixtures.gzip("a.jsonl.gz", members: [Self.records(50_000, from: 0)])
        let second = try fixtures.gzip("b.jsonl.gz", members: [Self.records(10, from: 50_000)])
        var seen: [String] = []
        #expect(throws: StageFailure.self) {
            _ = try IngestRun(configuration: .defaults()).read(InputPlan(arguments: [first, second])) { record, file in
                seen.append(record.string(.message) ?? "")
                if seen.count == 3 { throw StageFailure() }
            }
        }
        // Nothing after the failing record: not the rest of the first file, not the second.
        #expect(seen == ["failure 0", "failure 1", "failure 2"])
    }

    @Test func aReadThatNoConsumerStopsCountsEveryRecord() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let first = try fixtures.gzip("a.jsonl.gz", members: [Self.records(1_000, from: 0)])
        let second = try fixtures.gzip("b.jsonl.gz", members: [Self.records(10, from: 1_000)])
        var count = 0
        let summary = try IngestRun(configuration: .defaults()).read(InputPlan(arguments: [first, second])) { _, _ in count += 1 }
        #expect(count == 1_010 && summary.records == 1_010)
    }

    @Test func theCursorAnswersAscendingQuestionsAndRepeats() throws {
        let verdicts = try StaleVerdicts()
        for reference: Int64 in [3, 7, 9] { try verdicts.addStale(reference) }
        var cursor = try verdicts.cursor()
        let asked: [Int64] = [1, 3, 3, 5, 7, 8, 9, 9, 10, 11]
        let answers = try asked.map { try cursor.isStale($0) }
        #expect(answers == [false, true, true, false, true, false, true, true, false, false])
        // Each stage walks the store on its own.
        var other = try verdicts.cursor()
        #expect(try other.isStale(9) && !other.isStale(12))
        #expect(verdicts.count == 3)
    }

    @Test func followUpsYieldOnlyTheRowsOfStaleFailuresInOrder() throws {
        let verdicts = try StaleVerdicts()
        for reference: Int64 in [2, 5] { try verdicts.addStale(reference) }
        let followUps = try StaleFollowUps(purpose: "test")
        try followUps.append(1, 10)
        try followUps.append(2, 20, 21)
        try followUps.append(2, 22)
        try followUps.append(4, 40)
        try followUps.append(5, 50, 51, 52, 53)
        var rows: [[Int64]] = []
        try followUps.forEachStale(in: verdicts) { row in
            rows.append([row.reference, row.values.0, row.values.1, row.values.2, row.values.3])
        }
        #expect(rows == [[2, 20, 21, 0, 0], [2, 22, 0, 0, 0], [5, 50, 51, 52, 53]])
    }

    /// A stage that finishes in parts walks its follow-ups from several threads at once: each
    /// walk sees every row, whichever walk ends the writing.
    @Test func followUpsWalkedFromSeveralThreadsAtOnceEachSeeEveryRow() throws {
        let verdicts = try StaleVerdicts()
        for reference in stride(from: Int64(0), to: 20_000, by: 3) { try verdicts.addStale(reference) }
        let followUps = try StaleFollowUps(purpose: "test-walks")
        for reference in Int64(0)..<20_000 { try followUps.append(reference, reference % 7, -reference) }
        // As a run does before its stages finish: cursors are then taken on several threads.
        try verdicts.seal()
        let walks = (0..<4).map { _ in WalkedRows() }
        try forEachConcurrently(walks, threads: 4) { walk in
            try followUps.forEachStale(in: verdicts) { row in walk.rows.append(row.reference) }
        }
        let expected = Array(stride(from: Int64(0), to: 20_000, by: 3))
        for walk in walks { #expect(walk.rows == expected) }
    }

    /// The rows one walk saw (each walk on its own thread).
    final class WalkedRows {
        var rows: [Int64] = []
    }

    /// A stage's parts are finished side by side, each once, with the costly first part not
    /// holding up the others behind it on its thread.
    @Test func everyFinishPartRunsOnce() throws {
        final class PartedStage: RecordStage {
            let parts: Int
            let calls = Locked<[Int]>([])
            init(parts: Int) { self.parts = parts }
            var finishParts: Int { parts }
            func consume(_: borrowing RecordContext) throws {}
            func finish(stale _: StaleVerdicts) throws { calls.withLock { $0.append(-1) } }
            func finish(stale _: StaleVerdicts, part: Int) throws { calls.withLock { $0.append(part) } }
        }
        let verdicts = try StaleVerdicts()
        let stages = [PartedStage(parts: 3), PartedStage(parts: 1), PartedStage(parts: 2)]
        try verdicts.finish(stages, threads: 2)
        #expect(stages.map { $0.calls.withLock { $0.sorted() } } == [[0, 1, 2], [0], [0, 1]])
    }

    @Test func spoolsLeaveNothingBehind() throws {
        var path = ""
        do {
            let followUps = try StaleFollowUps(purpose: "test-cleanup")
            try followUps.append(1, 1)
            path = TemporaryFiles.shared.paths.first { $0.contains("logtriage-test-cleanup-") } ?? ""
            #expect(FileManager.default.fileExists(atPath: path))
        }
        #expect(!path.isEmpty && !FileManager.default.fileExists(atPath: path))
        #expect(!TemporaryFiles.shared.paths.contains(path))
    }
}
