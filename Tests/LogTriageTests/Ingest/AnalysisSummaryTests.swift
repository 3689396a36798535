import Foundation
import Testing
@testable import LogTriageBasics
@testable import LogTriageIngest
@testable import LogTriageReports
@testable import LogTriage
@testable import LogTriageAnalysis
import LogTriageTestSupport

/// The exact totals of `summary.json` and `ingest.csv` on generated inputs with known damage.
@Suite("Ingest: summary totals")
struct AnalysisSummaryTests {
    /// A generated export: `good` records per file over `files` gzip files, with known damage.
    struct DamagedExport {
        let directory: String
        let records: Int
        let blank: Int
        let notJson: Int
        let invalidJson: Int
        let repaired: Int
    }

    static func writeExport(into fixtures: InputFixtures, files: Int, good: Int) throws -> DamagedExport {
        var blank = 0, notJson = 0, invalid = 0, repaired = 0, records = 0
        try FileManager.default.createDirectory(atPath: fixtures.path("export/day"), withIntermediateDirectories: true)
        for file in 0..<files {
            let writer = try GzipWriter(path: fixtures.path("export/day/part-\(file).json.gz"))
            for index in 0..<good {
                let time = 1_731_110_400_000 + Int64(file * good + index) * 1000
                try writer.write("{\"timestamp\":\(time),\"message\":\"ok \(index)\",\"level\":\"INFO\"}\n")
                records += 1
                switch index % 97 {
                case 10: try writer.write("\n"); blank += 1
                case 20: try writer.write("Caused by: java.lang.IllegalStateException\n"); notJson += 1
                case 30: try writer.write("{\"message\":\"cut\n"); invalid += 1
                case 40:
                    try writer.write(Array("{\"message\":\"bad ".utf8) + [0xC3, 0x28] + Array("\"}\n".utf8))
                    repaired += 1
                    records += 1
                default: break
                }
                if index == good / 2 { try writer.finishMember() }
            }
            try writer.close()
        }
        return DamagedExport(directory: fixtures.path("export"), records: records, blank: blank,
                             notJson: notJson, invalidJson: invalid, repaired: repaired)
    }

    @Test func summaryCountsEveryLine() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let export = try Self.writeExport(into: fixtures, files: 3, good: 1000)
        let missing = fixtures.path("missing.json.gz")
        let analysis = Analysis(configuration: try .defaults())
        var damage: [DamagedPlace] = []
        let result = try analysis.run(InputPlan(arguments: [export.directory, missing])) { damage.append($0) }
        let summary = result.ingest
        try analysis.writeReports(result, to: fixtures.path("out"))

        let data = try Data(contentsOf: URL(fileURLWithPath: fixtures.path("out/summary.json")))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["version"] as? Int == 1)
        #expect(json["records"] as? Int == export.records)
        #expect(json["repairedRecords"] as? Int == export.repaired)
        let skipped = try #require(json["skippedLines"] as? [String: Int])
        #expect(skipped == ["invalidJson": export.invalidJson, "notJson": export.notJson,
                            "blank": export.blank, "oversized": 0])
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.count == 4)
        #expect(files.compactMap { $0["error"] as? String } == ["no such file or directory"])
        let read = files.filter { $0["error"] is NSNull }
        #expect(read.map { $0["path"] as? String } == (0..<3).map { export.directory + "/day/part-\($0).json.gz" })
        #expect(read.allSatisfy { $0["framing"] as? String == "jsonl" && $0["compression"] as? String == "gzip" })
        #expect(read.reduce(0) { $0 + ($1["records"] as? Int ?? 0) } == export.records)
        let range = try #require(json["timeRange"] as? [String: String])
        #expect(range["from"] == "2024-11-09T00:00:00.000Z")
        #expect(range["to"] == "2024-11-09T00:49:59.000Z")

        let csv = try String(contentsOfFile: fixtures.path("out/ingest.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n")
        #expect(rows.first == Substring(IngestTable.header.joined(separator: ",")))
        #expect(rows.count == 5)
        #expect(damage.count == export.blank + export.notJson + export.invalidJson + export.repaired + 1)
        #expect(summary.hasDamage)
        // No temporary files are left beside the reports.
        let left = try FileManager.default.contentsOfDirectory(atPath: fixtures.path("out")).sorted()
        #expect(left == ["billers.csv", "categories.csv", "errors-by-hour.svg", "ingest.csv", "report.md", "services.csv",
                         "summary.json"])
    }

    @Test func reportsAreByteIdenticalAcrossRuns() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let export = try Self.writeExport(into: fixtures, files: 2, good: 300)
        let analysis = Analysis(configuration: try .defaults())
        for run in ["a", "b"] {
            try analysis.writeReports(try analysis.run(InputPlan(arguments: [export.directory])), to: fixtures.path(run))
        }
        for name in ["summary.json", "ingest.csv", "categories.csv"] {
            #expect(try fixtures.bytes(of: fixtures.path("a/\(name)")) == fixtures.bytes(of: fixtures.path("b/\(name)")))
        }
    }

    @Test func aFailedWriteLeavesNoReport() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let blocker = try fixtures.plain("file", [1])
        let analysis = Analysis(configuration: try .defaults())
        #expect(throws: (any Error).self) {
            try analysis.writeReports(try analysis.run(InputPlan(arguments: [])), to: blocker + "/out")
        }
        let folder = try ReportFolder(directory: fixtures.path("partial"))
        try folder.write("x", as: "summary.json")
        folder.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixtures.path("partial")).isEmpty)
    }
}
