import Foundation
import Testing
@testable import LogTriage

/// Same input and configuration, byte-identical reports: run twice, and with the bundled
/// sample's folders given in another order.
@Suite("Pipeline: determinism on the bundled sample")
struct DeterminismTests {
    static let sample: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Samples/week/logs").path

    static func analyze(_ inputs: [String], into directory: String) throws {
        let analysis = Analysis(configuration: try .defaults())
        try analysis.writeReports(try analysis.run(InputPlan(arguments: inputs)), to: directory)
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
