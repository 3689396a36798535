import Foundation
import Testing
@testable import LogTriageBasics
@testable import LogTriageIngest
@testable import LogTriageAnalysis
@testable import LogTriageSample
@testable import LogTriageReports
@testable import LogTriageAlerts
@testable import LogTriage
import LogTriageTestSupport

/// With three jobs or more, a run of several files reads them in parts side by side and
/// merges the parts (`JobsDeterminismTests` checks that every output stays the same): how the
/// files are split, what a part that must stop does, and what the run tells while it reads.
@Suite("Pipeline: files read in parts side by side")
struct FilesSideBySideTests {
    /// Files of very different sizes, one of them plain JSON lines: the parts must still end
    /// up with about the same work.
    static func unevenFiles(in fixtures: InputFixtures) throws -> [String] {
        try [1, 9, 2, 30, 4, 4, 12, 7].enumerated().map { index, kilobytes in
            try fixtures.gzip("file-\(index).json.gz", members: [InputFixtures.logLines(count: kilobytes * 4_096, seed: UInt64(index))])
        } + [try fixtures.plain("plain.json", InputFixtures.logLines(count: 20 * 4_096, seed: 99))]
    }

    @Test func aFilesWorkIsTheTextItHolds() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let text = InputFixtures.logLines(count: 300_000, seed: 3)
        let gzip = try fixtures.gzip("one.json.gz", members: [text])
        let plain = try fixtures.plain("plain.json", text)
        #expect(InputPlan.readingWork(of: .file(gzip)) == text.count)
        #expect(InputPlan.readingWork(of: .file(plain)) == text.count)
        // Several members: the trailer gives the last one's length only, so eight times the file.
        let members = try fixtures.gzip("members.json.gz", members: [text, Array(text.prefix(100))])
        let size = try #require(try FileManager.default.attributesOfItem(atPath: members)[.size] as? Int)
        #expect(InputPlan.readingWork(of: .file(members)) == size * 8)
        #expect(InputPlan.readingWork(of: .standardInput) == 0)
        #expect(InputPlan.readingWork(of: .file(fixtures.path("gone"))) == 0)
        #expect(InputPlan.readingWork(of: .file(try fixtures.gzip("empty.json.gz", members: [[]]))) >= 0)
    }

    /// A plain file weighs its text, as gzip files of as much text do, though they take a
    /// fiftieth of its bytes on disk: seven files of the same work make parts of two and three.
    @Test func aPlainFileBesideGzipFilesIsWeighedByItsText() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let line = Array(#"{"timestamp":1794182400161,"message":"Synced invoice","level":"INFO"}"#.utf8) + [0x0A]
        let text = Array((0..<1_500).map { _ in line }.joined())
        let files = try [fixtures.plain("a-plain.json", text)]
            + (1...6).map { try fixtures.gzip("b-\($0).json.gz", members: [text]) }
        let plan = InputPlan(arguments: files)
        #expect(plan.totalBytes > 20 * Self.diskBytes(files[1]))
        let split = try #require(Analysis(configuration: try TriageConfiguration.defaults(), jobs: 3).parts(of: plan))
        #expect(split.map(\.plan.sources.count).sorted() == [2, 2, 3])
    }

    static func diskBytes(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
    }

    @Test func thePartsSplitTheFilesByTheirWork() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let files = try Self.unevenFiles(in: fixtures)
        let plan = InputPlan(arguments: files + [fixtures.path("gone.json.gz")])
        #expect(plan.problems.count == 1)
        let configuration = try TriageConfiguration.defaults()
        let work = Dictionary(uniqueKeysWithValues: plan.sources.map { ($0.displayName, InputPlan.readingWork(of: $0)) })
        for jobs in [3, 4, 8, 12] {
            let split = try #require(Analysis(configuration: configuration, jobs: jobs).parts(of: plan), "jobs \(jobs)")
            #expect(split.count == min(jobs, files.count))
            #expect(split.map(\.jobs).reduce(0, +) == jobs)
            #expect(split.allSatisfy { $0.jobs >= 1 })
            // Every file in exactly one part, each part in path order, the unusable input in the first.
            let names = split.flatMap { $0.plan.sources.map(\.displayName) }
            #expect(names.sorted() == plan.sources.map(\.displayName).sorted())
            for part in split {
                let own = part.plan.sources.map(\.displayName)
                #expect(own == own.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
                #expect(!own.isEmpty)
            }
            #expect(split.map(\.plan.problems.count) == [1] + Array(repeating: 0, count: split.count - 1))
            #expect(split.map(\.plan.totalBytes).reduce(0, +) == plan.totalBytes)
            // Largest first, each to the lightest part: no part exceeds another by more than the largest file.
            let loads = split.map { $0.plan.sources.reduce(0) { $0 + work[$1.displayName]! } }
            #expect(loads.max()! - loads.min()! <= work.values.max()!, "jobs \(jobs): \(loads)")
            // The same split for the same files, however they were given.
            let again = try #require(Analysis(configuration: configuration, jobs: jobs)
                .parts(of: InputPlan(arguments: files.reversed() + [fixtures.path("gone.json.gz")])))
            #expect(again.map { $0.plan.sources.map(\.displayName) } == split.map { $0.plan.sources.map(\.displayName) })
        }
        // Two jobs keep the one pipeline; so does one file, or a file named twice.
        #expect(Analysis(configuration: configuration, jobs: 2).parts(of: plan) == nil)
        #expect(Analysis(configuration: configuration, jobs: 8).parts(of: InputPlan(arguments: [files[0]])) == nil)
        #expect(Analysis(configuration: configuration, jobs: 8).parts(of: InputPlan(arguments: [files[0], files[1], files[0]])) == nil)
        #expect(Analysis(configuration: configuration, clusters: false, jobs: 8).parts(of: plan) == nil)
    }

    /// The part that sees another one fail stops at its next record, writing nothing.
    @Test func aPartStopsAtOnceWhenAnotherHasFailed() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let files = try Self.unevenFiles(in: fixtures)
        let part = Analysis(configuration: try TriageConfiguration.defaults(), jobs: 1)
        part.stopSignal = StopSignal()
        part.stopSignal?.raise()
        let progress = IngestProgress(totalInputBytes: 0)
        #expect(throws: StoppedByAnotherPart.self) {
            try part.writePartial(InputPlan(arguments: files), to: fixtures.path("part.partial"), configurationText: nil,
                                  progress: progress)
        }
        #expect(!FileManager.default.fileExists(atPath: fixtures.path("part.partial")))
        #expect(progress.records <= 1_024)
        // Not raised, the same part reads every file.
        let reading = Analysis(configuration: try TriageConfiguration.defaults(), jobs: 1)
        reading.stopSignal = StopSignal()
        let summary = try reading.writePartial(InputPlan(arguments: files), to: fixtures.path("part.partial"), configurationText: nil)
        #expect(summary.files.count == files.count)
        #expect(summary.records > 1_024)
    }

    /// Read in parts, a run reports every damaged place once and counts every byte and
    /// record in its progress, as the same run read one file after another does.
    @Test func damageAndProgressAreTheOneReadsOnes() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        _ = try SampleExportGenerator.write(to: fixtures.path("week"), options: .init(seed: 5, scale: 0.2, includeDamage: true))
        let files = JobsDeterminismTests.gzipFiles(under: fixtures.path("week/logs"))
        let plan = InputPlan(arguments: files)
        func read(jobs: Int) throws -> (places: [String], progress: IngestProgress, records: Int) {
            let analysis = Analysis(configuration: try TriageConfiguration.defaults(), jobs: jobs)
            #expect((analysis.parts(of: plan) != nil) == (jobs > 2))
            let progress = IngestProgress(totalInputBytes: plan.totalBytes)
            var places: [String] = []
            let result = try analysis.run(plan, progress: progress) { places.append($0.description) }
            return (places, progress, result.ingest.records)
        }
        let one = try read(jobs: 1)
        #expect(one.places.count > 10)
        for jobs in [3, 6] {
            let parts = try read(jobs: jobs)
            #expect(parts.places.sorted() == one.places.sorted(), "jobs \(jobs)")
            #expect(parts.records == one.records)
            #expect(parts.progress.records == one.progress.records)
            #expect(parts.progress.inputBytesRead == one.progress.inputBytesRead)
            #expect(parts.progress.inputBytesRead == plan.totalBytes)
            #expect(parts.progress.decompressedBytes == one.progress.decompressedBytes)
        }
    }

    /// The parts are merged with the run's own configuration (they keep no `--config` text):
    /// a loop gap of one minute, which changes the stale-invoice verdicts, changes them alike.
    @Test func thePartsAreJudgedWithTheRunsConfiguration() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        _ = try SampleExportGenerator.write(to: fixtures.path("week"), options: .init(seed: 13, scale: 0.2, includeDamage: false))
        let files = JobsDeterminismTests.gzipFiles(under: fixtures.path("week/logs"))
        var configuration = try TriageConfiguration.defaults()
        try configuration.apply(yaml: "version: 1\nstaleInvoices:\n  loopGapMinutes: 1\n", path: "test")
        let defaults = try JobsDeterminismTests.outputs(files, jobs: 1, conditions: [], configuration: try TriageConfiguration.defaults(),
                                                        in: fixtures, name: "defaults")
        let one = try JobsDeterminismTests.outputs(files, jobs: 1, conditions: [], configuration: configuration,
                                                   in: fixtures, name: "j1")
        #expect(one.files["summary.json"] != defaults.files["summary.json"])
        let parts = try JobsDeterminismTests.outputs(files, jobs: 4, conditions: [], configuration: configuration,
                                                     in: fixtures, name: "j4")
        #expect(parts.files == one.files)
        #expect(parts.assignments == one.assignments)
    }

    /// Fewer files than jobs: each part runs its own pipeline with the jobs left over (two
    /// parts of four here, with the alert conditions on threads of their own), merged alike.
    @Test func fewFilesShareTheJobsAmongTheirParts() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        _ = try SampleExportGenerator.write(to: fixtures.path("week"), options: .init(seed: 17, scale: 0.3, includeDamage: true))
        let files = Array(JobsDeterminismTests.gzipFiles(under: fixtures.path("week/logs")).prefix(2))
        let configuration = try TriageConfiguration.load(path: AlertReviewTests.sampleConfiguration)
        let conditions = try AlertConditionsFile.load(path: AlertQualityWeekTests.samplesFile("alerts.yml"))
        let split = try #require(Analysis(configuration: configuration, alertConditions: conditions, jobs: 8)
            .parts(of: InputPlan(arguments: files)))
        #expect(split.map(\.jobs) == [4, 4])
        let one = try JobsDeterminismTests.outputs(files, jobs: 1, conditions: conditions, configuration: configuration,
                                                   in: fixtures, name: "j1")
        #expect(one.files.keys.contains("alerts.csv"))
        let parts = try JobsDeterminismTests.outputs(files, jobs: 8, conditions: conditions, configuration: configuration,
                                                     in: fixtures, name: "j8")
        #expect(parts.files == one.files)
        #expect(parts.assignments == one.assignments)
    }
}
