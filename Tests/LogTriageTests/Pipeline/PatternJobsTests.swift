import Foundation
import Testing
@testable import LogTriageIngest
@testable import LogTriageAnalysis
@testable import LogTriageReports
@testable import LogTriageSample
@testable import LogTriage
import LogTriageTestSupport

/// `patterns --jobs` changes how many threads mine, never the patterns: every file written,
/// the assignments file included, is byte-identical for any number of jobs and input order.
@Suite("Pipeline: the same patterns for any number of jobs")
struct PatternJobsTests {
    /// Runs `patterns` over `inputs` with `jobs` threads and returns every file it wrote, by name,
    /// and the assignments file when asked for.
    /// `sideBySide: false` reads several files one after another whatever the jobs.
    static func outputs(_ inputs: [String], jobs: Int, assignments: Bool, in fixtures: InputFixtures, name: String,
                        miner: TemplateMinerConfiguration = .default, sideBySide: Bool = true,
                        readAgain: ((Bool) -> Void)? = nil) throws -> (files: [String: [UInt8]], assignments: [UInt8]) {
        let analysis = PatternAnalysis(configuration: try .defaults(), miner: miner)
        analysis.readsFilesSideBySide = sideBySide
        let assignmentsPath = fixtures.path("\(name).csv")
        let spool = assignments ? try AssignmentSpool(nextTo: assignmentsPath) : nil
        let result = try analysis.run(InputPlan(arguments: inputs), jobs: jobs, assignments: spool)
        readAgain?(analysis.readAgainWithOneMiner)
        try analysis.writeReports(ingest: result.ingest, patterns: result.patterns, to: fixtures.path(name),
                                  assignments: spool.map { ($0, assignmentsPath) })
        return (try DeterminismTests.files(in: fixtures.path(name)), assignments ? try fixtures.bytes(of: assignmentsPath) : [])
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: DeterminismTests.sample)))
    func theBundledSampleGivesTheSamePatternsForAnyJobs() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let files = JobsDeterminismTests.gzipFiles(under: DeterminismTests.sample)
        let one = try Self.outputs(files, jobs: 1, assignments: true, in: fixtures, name: "j1")
        let patterns = String(decoding: try #require(one.files["patterns.csv"]), as: UTF8.self)
        #expect(patterns.split(separator: "\n").count > 20)
        // Among the texts compared, some whose HTTP status is masked.
        #expect(patterns.contains("unavailable <*>"))
        #expect(!one.assignments.isEmpty)
        for jobs in [2, 4, 8] {
            let other = try Self.outputs(files, jobs: jobs, assignments: false, in: fixtures, name: "j\(jobs)")
            #expect(other.files == one.files, "jobs \(jobs)")
            let placed = try Self.outputs(files, jobs: jobs, assignments: true, in: fixtures, name: "a\(jobs)")
            #expect(placed.files == one.files, "jobs \(jobs), assignments")
            #expect(placed.assignments == one.assignments, "jobs \(jobs)")
        }
        var generator = SplitMix64(seed: 5)
        let shuffled = try Self.outputs(files.shuffled(using: &generator), jobs: 4, assignments: false, in: fixtures, name: "shuffled")
        #expect(shuffled.files == one.files)
    }

    /// A generated week of another seed, large enough that every miner gets many batches.
    @Test func aGeneratedWeekGivesTheSamePatternsForAnyJobs() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        _ = try SampleExportGenerator.write(to: fixtures.path("week"),
                                            options: .init(seed: 37, scale: 0.5, includeDamage: true, chronicFailures: true))
        let files = JobsDeterminismTests.gzipFiles(under: fixtures.path("week/logs"))
        let one = try Self.outputs(files, jobs: 1, assignments: false, in: fixtures, name: "j1")
        for jobs in [3, 8] {
            let other = try Self.outputs(files, jobs: jobs, assignments: false, in: fixtures, name: "j\(jobs)")
            #expect(other.files == one.files, "jobs \(jobs)")
        }
    }

    /// `count` JSON lines of messages in four shapes whose words vary, timed from `firstTime`
    /// on: with a cap of a few templates, which messages share one depends on their order.
    static func fewShapes(_ count: Int, random: inout SplitMix64, firstTime: Int = 1_700_000_000_000) -> [UInt8] {
        let names = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"]
        let states = ["running", "stopped", "paused", "failed", "starting"]
        var lines = ""
        for number in 0..<count {
            let message: String
            switch random.int(0...3) {
            case 0: message = "user \(random.pick(names)) logged in from \(random.pick(states))"
            case 1: message = "worker \(random.pick(names)) is \(random.pick(states))"
            case 2: message = "job \(random.pick(states)) for \(random.pick(names)) took \(number) ms"
            default: message = "cupsd \(random.pick(["startup", "shutdown"])) \(random.pick(states))"
            }
            lines += #"{"timestamp":\#(firstTime + number),"message":"\#(message)","level":"INFO","service":"s"}"# + "\n"
        }
        return Array(lines.utf8)
    }

    /// Near the template cap, miners that cannot be merged exactly make the run read its files
    /// again with one miner: the patterns are still the single pass's.
    @Test func atTheTemplateCapFilesAreReadAgainWithOneMiner() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        var random = SplitMix64(seed: 11)
        let file = try fixtures.gzip("capped.json.gz", members: [Self.fewShapes(4000, random: &random)])
        let capped = TemplateMinerConfiguration(maxTemplates: 4)
        let one = try Self.outputs([file], jobs: 1, assignments: false, in: fixtures, name: "j1", miner: capped)
        var readAgain: [Bool] = []
        for jobs in [2, 4, 8] {
            let other = try Self.outputs([file], jobs: jobs, assignments: false, in: fixtures, name: "j\(jobs)", miner: capped,
                                         readAgain: { readAgain.append($0) })
            #expect(other.files == one.files, "jobs \(jobs)")
        }
        // Two jobs have two miners too (``PatternAnalysis/minersBehindOneRead(jobs:)``).
        #expect(readAgain.first == true, "\(readAgain)")
        // With the assignments file one miner works behind the read, and never merges.
        var placedReadAgain: [Bool] = []
        let placed = try Self.outputs([file], jobs: 2, assignments: true, in: fixtures, name: "a2", miner: capped,
                                      readAgain: { placedReadAgain.append($0) })
        #expect(placed.files == one.files)
        #expect(placedReadAgain == [false], "one miner behind the read never merges")
        let patterns = String(decoding: try #require(one.files["patterns.csv"]), as: UTF8.self)
        #expect(patterns.contains("<other templates>"))
    }

    /// An error where a record is placed stops the read within a few batches, and is the one
    /// the run fails with.
    @Test func aPlacementErrorStopsTheRead() throws {
        struct Refused: Error {}
        let schema = try TriageConfiguration.defaults().schema()
        let placedBeforeFailing = 2500
        var placed = 0
        let workers = PatternWorkers(count: 1) { _, _ in
            placed += 1
            if placed > placedBeforeFailing { throw Refused() }
        }
        var consumed = 0
        var failure: (any Error)?
        let parser = RecordParser(schema: schema)
        for number in 0..<20_000 where failure == nil {
            let line = Array(#"{"message":"step \#(number) of job \#(number % 7) done","level":"INFO","service":"s"}"#.utf8)
            _ = line.withUnsafeBufferPointer { buffer in
                parser.parse(buffer.baseAddress!, count: buffer.count) { record in
                    do {
                        try workers.consume(record, file: 0)
                        consumed += 1
                    } catch {
                        failure = error
                    }
                }
            }
        }
        #expect(failure is Refused)
        #expect(consumed < placedBeforeFailing + 8 * PatternWorkers.batchSize)
        #expect(throws: Refused.self) { try workers.finish() }
    }
}
