import Foundation
import Testing
@testable import LogTriageIngest
@testable import LogTriageAlerts
@testable import LogTriage
@testable import LogTriageAnalysis
import LogTriageTestSupport

/// Same input and configuration, byte-identical reports: run twice, and with the bundled
/// sample's folders given in another order.
@Suite("Pipeline: determinism on the bundled sample")
struct DeterminismTests {
    static let sample: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Samples/week/logs").path

    static func analyze(_ inputs: [String], into directory: String, conditions: [AlertCondition]? = nil) throws {
        let analysis = Analysis(configuration: try .defaults(), alertConditions: conditions)
        try analysis.writeReports(try analysis.run(InputPlan(arguments: inputs)), to: directory)
    }

    /// Every file of `directory`, by name.
    static func files(in directory: String) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            files[name] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
        }
        return files
    }

    /// With alert conditions, report.md and the charts: the input files given one by one in
    /// shuffled orders give the same folder, byte for byte.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: sample)))
    func everyOutputIsTheSameWhateverTheFileOrder() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let conditions = try AlertConditionsFile.parse(yaml: AlertReviewTests.conditionsYAML, path: "alerts.yml")
        var files: [String] = []
        let walker = FileManager.default.enumerator(atPath: Self.sample)
        while let name = walker?.nextObject() as? String {
            if name.hasSuffix(".gz") { files.append(Self.sample + "/" + name) }
        }
        #expect(files.count > 5)
        try Self.analyze(files.sorted(), into: fixtures.path("sorted"), conditions: conditions)
        var generator = SplitMix64(seed: 11)
        try Self.analyze(files.shuffled(using: &generator), into: fixtures.path("shuffled"), conditions: conditions)
        let sorted = try Self.files(in: fixtures.path("sorted"))
        #expect(sorted.keys.contains("report.md") && sorted.keys.contains("alerts.csv"))
        #expect(try Self.files(in: fixtures.path("shuffled")) == sorted)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: sample)))
    func reportsDoNotDependOnRunOrInputOrder() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let folders = ["export", "historical", "logapi"].map { Self.sample + "/" + $0 }
        try Self.analyze(folders, into: fixtures.path("a"))
        try Self.analyze(folders, into: fixtures.path("b"))
        try Self.analyze(folders.reversed(), into: fixtures.path("c"))
        for name in ["summary.json", "ingest.csv", "categories.csv", "billers.csv", "services.csv"] {
            #expect(try fixtures.bytes(of: fixtures.path("a/\(name)")) == fixtures.bytes(of: fixtures.path("b/\(name)")), "\(name)")
        }
        // File order shows in the per-file lists; everything computed from records does not move.
        for name in ["categories.csv", "billers.csv", "services.csv"] {
            #expect(try fixtures.bytes(of: fixtures.path("a/\(name)")) == fixtures.bytes(of: fixtures.path("c/\(name)")), "\(name)")
        }
    }
}
