import Foundation
import Testing
@testable import LogTriageBasics
@testable import LogTriageIngest
@testable import LogTriageAnalysis
@testable import LogTriageAlerts
@testable import LogTriageReports
@testable import LogTriageSample
@testable import LogTriage
import LogTriageTestSupport

/// `--jobs` changes how many threads run the stages, never what they find: every output,
/// the assignments file included, is byte-identical for 1, 2, 4 and 8 jobs and for the input
/// files in another order. From three jobs the files are read in parts side by side and
/// merged; each test also runs the one reading pipeline with as many jobs (`pipeline`).
@Suite("Pipeline: the same reports for any number of jobs")
struct JobsDeterminismTests {
    /// Runs the analysis over `inputs` with `jobs` threads (no alert review without
    /// `conditions`) and returns every file it wrote, by name, and the assignments file.
    /// `pipeline` reads the files one after another even with three jobs or more.
    static func outputs(_ inputs: [String], jobs: Int, pipeline: Bool = false, conditions: [AlertCondition],
                        configuration: TriageConfiguration, in fixtures: InputFixtures,
                        name: String) throws -> (files: [String: [UInt8]], assignments: [UInt8]) {
        let analysis = Analysis(configuration: configuration, alertConditions: conditions.isEmpty ? nil : conditions, jobs: jobs)
        analysis.readsFilesSideBySide = !pipeline
        #expect((analysis.parts(of: InputPlan(arguments: inputs)) != nil) == (jobs > 2 && !pipeline && inputs.count > 1))
        let assignmentsPath = fixtures.path("\(name).csv")
        let spool = try AssignmentSpool(nextTo: assignmentsPath)
        let result = try analysis.run(InputPlan(arguments: inputs), assignments: spool)
        try analysis.writeReports(result, to: fixtures.path(name), assignments: (spool, assignmentsPath))
        return (try DeterminismTests.files(in: fixtures.path(name)), try fixtures.bytes(of: assignmentsPath))
    }

    static func gzipFiles(under directory: String) -> [String] {
        var files: [String] = []
        let walker = FileManager.default.enumerator(atPath: directory)
        while let name = walker?.nextObject() as? String {
            if name.hasSuffix(".gz") { files.append(directory + "/" + name) }
        }
        return files.sorted()
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: DeterminismTests.sample)))
    func theBundledSampleGivesTheSameReportsForAnyJobs() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let configuration = try TriageConfiguration.load(path: AlertReviewTests.sampleConfiguration)
        let conditions = try AlertConditionsFile.load(path: AlertQualityWeekTests.samplesFile("alerts.yml"))
        let files = Self.gzipFiles(under: DeterminismTests.sample)
        #expect(files.count > 5)
        let one = try Self.outputs(files, jobs: 1, conditions: conditions, configuration: configuration, in: fixtures, name: "j1")
        #expect(one.files.keys.contains("alerts.csv") && one.files.keys.contains("report.md"))
        #expect(!one.assignments.isEmpty)
        for (jobs, pipeline) in [(2, false), (4, false), (8, false), (8, true)] {
            let other = try Self.outputs(files, jobs: jobs, pipeline: pipeline, conditions: conditions,
                                         configuration: configuration, in: fixtures, name: "j\(jobs)-\(pipeline)")
            #expect(other.files == one.files, "jobs \(jobs), pipeline \(pipeline)")
            #expect(other.assignments == one.assignments, "jobs \(jobs), pipeline \(pipeline)")
        }
        // The files in another order, on several threads: the same folder. (The assignments
        // file lists records in read order, so it follows the input order by design.)
        var generator = SplitMix64(seed: 3)
        let shuffled = try Self.outputs(files.shuffled(using: &generator), jobs: 4, conditions: conditions,
                                        configuration: configuration, in: fixtures, name: "shuffled")
        #expect(shuffled.files == one.files)
    }

    /// Without alert conditions the contexts are built behind the read as well (on the
    /// stages' thread with two jobs, before threads of their own with more): the same files.
    @Test func withoutAlertConditionsTheReportsAreTheSameForAnyJobs() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        _ = try SampleExportGenerator.write(to: fixtures.path("week"), options: .init(seed: 31, scale: 0.3, includeDamage: true))
        let configuration = try TriageConfiguration.load(path: AlertReviewTests.sampleConfiguration)
        let files = Self.gzipFiles(under: fixtures.path("week/logs"))
        let one = try Self.outputs(files, jobs: 1, conditions: [], configuration: configuration, in: fixtures, name: "j1")
        #expect(one.files.keys.contains("report.md") && !one.files.keys.contains("alerts.csv"))
        #expect(!one.assignments.isEmpty)
        for (jobs, pipeline) in [(2, false), (3, false), (8, false), (3, true), (8, true)] {
            let other = try Self.outputs(files, jobs: jobs, pipeline: pipeline, conditions: [],
                                         configuration: configuration, in: fixtures, name: "j\(jobs)-\(pipeline)")
            #expect(other.files == one.files, "jobs \(jobs), pipeline \(pipeline)")
            #expect(other.assignments == one.assignments, "jobs \(jobs), pipeline \(pipeline)")
        }
        let reversed = try Self.outputs(files.reversed(), jobs: 2, conditions: [], configuration: configuration,
                                        in: fixtures, name: "reversed")
        #expect(reversed.files == one.files)
    }

    /// A generated week unlike the bundled one (another seed, chronic billers, no damage),
    /// large enough that every worker gets many batches.
    @Test func aGeneratedWeekGivesTheSameReportsForAnyJobs() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        _ = try SampleExportGenerator.write(to: fixtures.path("week"),
                                            options: .init(seed: 29, scale: 0.5, includeDamage: false, chronicFailures: true))
        let configuration = try TriageConfiguration.load(path: AlertReviewTests.sampleConfiguration)
        let conditions = try AlertConditionsFile.load(path: AlertQualityWeekTests.samplesFile("alerts.yml"))
        let files = Self.gzipFiles(under: fixtures.path("week/logs"))
        let one = try Self.outputs(files, jobs: 1, conditions: conditions, configuration: configuration, in: fixtures, name: "j1")
        let summary = try #require(one.files["summary.json"])
        #expect(String(decoding: summary, as: UTF8.self).contains("\"alertReview\""))
        #expect(!one.assignments.isEmpty)
        for (jobs, pipeline) in [(2, false), (8, false), (8, true)] {
            let other = try Self.outputs(files, jobs: jobs, pipeline: pipeline, conditions: conditions,
                                         configuration: configuration, in: fixtures, name: "j\(jobs)-\(pipeline)")
            #expect(other.files == one.files, "jobs \(jobs), pipeline \(pipeline)")
            #expect(other.assignments == one.assignments, "jobs \(jobs), pipeline \(pipeline)")
        }
        for jobs in [2, 3] {
            let reversed = try Self.outputs(files.reversed(), jobs: jobs, conditions: conditions, configuration: configuration,
                                            in: fixtures, name: "reversed-\(jobs)")
            #expect(reversed.files == one.files, "jobs \(jobs)")
        }
    }
}
