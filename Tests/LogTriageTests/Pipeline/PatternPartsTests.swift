import Foundation
import Testing
@testable import LogTriageIngest
@testable import LogTriageAnalysis
@testable import LogTriageSample
@testable import LogTriage
import LogTriageBasics
import LogTriageTestSupport

/// `patterns` reads several files in parts side by side, a pipeline each, and merges their
/// miners as one run's: how the files are split, and that the patterns, the ingest figures,
/// the damage and the progress are those of one read.
@Suite("Pipeline: patterns of files read in parts side by side")
struct PatternPartsTests {
    @Test func theFilesAreSplitOnePartForEveryTwoJobs() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let files = try FilesSideBySideTests.unevenFiles(in: fixtures)
        let plan = InputPlan(arguments: files + [fixtures.path("missing.json.gz")])
        let analysis = PatternAnalysis(configuration: try .defaults())
        for (jobs, expected) in [(2, [1, 1]), (3, [2, 1]), (4, [2, 2]), (8, [2, 2, 2, 2]), (9, [3, 2, 2, 2])] {
            let parts = try #require(analysis.parts(of: plan, jobs: jobs), "jobs \(jobs)")
            #expect(parts.map(\.jobs) == expected, "jobs \(jobs)")
            let read = parts.flatMap { $0.plan.sources.map(\.displayName) }
            #expect(read.sorted() == plan.sources.map(\.displayName), "every file once, jobs \(jobs)")
            #expect(parts.map(\.plan.problems.count) == [plan.problems.count] + Array(repeating: 0, count: parts.count - 1))
            // Each part reads its files in the run's order: its miners see the batches in order.
            for part in parts {
                let names = part.plan.sources.map(\.displayName)
                #expect(names == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            }
        }
        #expect(analysis.parts(of: plan, jobs: 1) == nil)
        #expect(analysis.parts(of: InputPlan(arguments: [files[0]]), jobs: 8) == nil)
        #expect(analysis.parts(of: InputPlan(arguments: [files[0], files[1], files[0]]), jobs: 8) == nil)
        analysis.readsFilesSideBySide = false
        #expect(analysis.parts(of: plan, jobs: 8) == nil)
    }

    /// The parts give byte for byte the files one read gives, for any jobs and input order,
    /// on a generated week with damage: the miners merge as one, the ingest rows and first
    /// damaged places come in the run's file order.
    @Test func partsAndOneReadGiveTheSamePatterns() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        _ = try SampleExportGenerator.write(to: fixtures.path("week"),
                                            options: .init(seed: 43, scale: 0.5, includeDamage: true, chronicFailures: true))
        let files = JobsDeterminismTests.gzipFiles(under: fixtures.path("week/logs"))
        #expect(files.count > 4)
        let one = try PatternJobsTests.outputs(files, jobs: 1, assignments: false, in: fixtures, name: "j1")
        let ingest = String(decoding: try #require(one.files["ingest.csv"]), as: UTF8.self)
        #expect(ingest.split(separator: "\n").count == files.count + 1)
        for jobs in [2, 3, 8] {
            let parts = try PatternJobsTests.outputs(files, jobs: jobs, assignments: false, in: fixtures, name: "p\(jobs)")
            #expect(parts.files == one.files, "jobs \(jobs)")
            let pipeline = try PatternJobsTests.outputs(files, jobs: jobs, assignments: false, in: fixtures, name: "s\(jobs)",
                                                        sideBySide: false)
            #expect(pipeline.files == one.files, "jobs \(jobs), one read")
        }
        let reversed = try PatternJobsTests.outputs(files.reversed(), jobs: 4, assignments: false, in: fixtures, name: "reversed")
        #expect(reversed.files == one.files)
    }

    /// A pattern names the first levels and services in the run's read order, not in a part's:
    /// here one pattern of forty services in four files, of which the first sixteen read are
    /// named, the ten of the first file and six of the second, whichever part read them.
    @Test func aPatternNamesTheRunsFirstServices() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        var files: [String] = []
        for file in 0..<4 {
            var lines = ""
            for number in 0..<300 {
                let service = "svc-\(file)-\(String(format: "%02d", number % 10))"
                lines += #"{"timestamp":\#(1_700_000_000_000 + file * 1_000 + number),"message":"request served in \#(number) ms","level":"INFO","service.name":"\#(service)"}"# + "\n"
            }
            files.append(try fixtures.gzip("served-\(file).json.gz", members: [Array(lines.utf8)]))
        }
        let one = try PatternJobsTests.outputs(files, jobs: 1, assignments: false, in: fixtures, name: "j1")
        let patterns = String(decoding: try #require(one.files["patterns.csv"]), as: UTF8.self)
        let named = (0..<10).map { "svc-0-0\($0)" } + (0..<6).map { "svc-1-0\($0)" }
        #expect(patterns.contains(named.joined(separator: ";")), "\(patterns)")
        for jobs in [2, 4, 8] {
            #expect(PatternAnalysis(configuration: try .defaults()).parts(of: InputPlan(arguments: files), jobs: jobs) != nil)
            let parts = try PatternJobsTests.outputs(files, jobs: jobs, assignments: false, in: fixtures, name: "p\(jobs)")
            #expect(parts.files == one.files, "jobs \(jobs)")
        }
    }

    /// Read in parts, a run reports every damaged place once and counts every byte and
    /// record in its progress, as one read does.
    @Test func damageAndProgressAreOneReadsOnes() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        _ = try SampleExportGenerator.write(to: fixtures.path("week"), options: .init(seed: 5, scale: 0.2, includeDamage: true))
        let garbage = try fixtures.plain("zz-garbage.json", Array("not json at all\n{\"message\":\"half\"".utf8))
        let files = JobsDeterminismTests.gzipFiles(under: fixtures.path("week/logs")) + [garbage]
        let plan = InputPlan(arguments: files)
        func read(jobs: Int) throws -> (places: [String], progress: IngestProgress, ingest: IngestSummary) {
            let analysis = PatternAnalysis(configuration: try .defaults())
            #expect((analysis.parts(of: plan, jobs: jobs) != nil) == (jobs > 1))
            let progress = IngestProgress(totalInputBytes: plan.totalBytes)
            var places: [String] = []
            let result = try analysis.run(plan, jobs: jobs, progress: progress) { places.append($0.description) }
            return (places, progress, result.ingest)
        }
        let one = try read(jobs: 1)
        #expect(one.places.count > 10)
        #expect(one.places.contains { $0.contains("zz-garbage.json") })
        for jobs in [2, 6] {
            let parts = try read(jobs: jobs)
            #expect(parts.places.sorted() == one.places.sorted(), "jobs \(jobs)")
            #expect(parts.ingest.firstDamage.map(\.description) == one.ingest.firstDamage.map(\.description))
            #expect(parts.ingest.files.map(\.path) == one.ingest.files.map(\.path))
            #expect(parts.ingest.records == one.ingest.records)
            #expect(parts.ingest.skipped == one.ingest.skipped)
            #expect(parts.progress.records == one.progress.records)
            #expect(parts.progress.inputBytesRead == plan.totalBytes)
            #expect(parts.progress.decompressedBytes == one.progress.decompressedBytes)
        }
    }

    /// Near the template cap the parts' miners cannot be merged exactly either: the files
    /// are read again with one miner, and the patterns are the single pass's.
    @Test func atTheTemplateCapThePartsAreReadAgainWithOneMiner() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        var random = SplitMix64(seed: 23)
        let files = try (0..<4).map { file in
            try fixtures.gzip("capped-\(file).json.gz",
                              members: [PatternJobsTests.fewShapes(1500, random: &random, firstTime: 1_700_000_000_000 + file * 10_000)])
        }
        let capped = TemplateMinerConfiguration(maxTemplates: 4)
        let one = try PatternJobsTests.outputs(files, jobs: 1, assignments: false, in: fixtures, name: "j1", miner: capped)
        var readAgain: [Bool] = []
        let parts = try PatternJobsTests.outputs(files, jobs: 4, assignments: false, in: fixtures, name: "j4", miner: capped,
                                                 readAgain: { readAgain.append($0) })
        #expect(parts.files == one.files)
        #expect(readAgain == [true])
        #expect(String(decoding: try #require(one.files["patterns.csv"]), as: UTF8.self).contains("<other templates>"))
    }

    /// The part that sees another one fail stops at its next record, and the run fails.
    @Test func aPartStopsAtOnceWhenAnotherHasFailed() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let files = try FilesSideBySideTests.unevenFiles(in: fixtures)
        let analysis = PatternAnalysis(configuration: try .defaults())
        analysis.stopSignal = StopSignal()
        analysis.stopSignal?.raise()
        let progress = IngestProgress(totalInputBytes: 0)
        #expect(throws: StoppedByAnotherPart.self) {
            try analysis.run(InputPlan(arguments: files), jobs: 4, progress: progress)
        }
        // Each part stops at its first record.
        #expect(progress.records <= 2)
        // Not raised, the same run reads every file.
        analysis.stopSignal = StopSignal()
        let result = try analysis.run(InputPlan(arguments: files), jobs: 4)
        #expect(result.ingest.files.count == files.count)
        #expect(result.ingest.records > 1_024)
    }
}
