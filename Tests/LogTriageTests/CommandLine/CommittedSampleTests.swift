import CSV
import Foundation
import Testing
@testable import LogTriageBasics
import LogTriageTestSupport

/// `Reports/sample/` is what `make demo` writes: regenerated here with the same command and
/// compared file by file, so the README never links to a stale report. Its CSVs are also
/// read back with a CSV library.
@Suite("Command line: the committed sample report is up to date", .enabled(if: BuiltCommand.path != nil))
struct CommittedSampleTests {
    static let committed = BuiltCommand.root.appendingPathComponent("Reports/sample").path

    @Test func makeDemoWritesExactlyTheCommittedReport() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let out = fixtures.path("sample")
        let run = try BuiltCommand.run([
            "analyze", "Samples/week/logs", "--config", "Samples/triage.yml", "--alerts", "Samples/alerts.yml",
            "--baseline", "Samples/last-week", "--out", out, "--quiet",
        ], in: BuiltCommand.root)
        #expect(run.status == 0, "\(run.err)")
        let written = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        let kept = try FileManager.default.contentsOfDirectory(atPath: Self.committed).sorted()
        #expect(written == kept, "regenerate with `make demo`")
        for name in written where kept.contains(name) {
            #expect(try fixtures.bytes(of: out + "/" + name) == fixtures.bytes(of: Self.committed + "/" + name),
                    "Reports/sample/\(name) is stale: regenerate with `make demo`")
        }
    }

    @Test func everyCommittedCSVReadsBackWithOneFieldPerColumn() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.committed).filter { $0.hasSuffix(".csv") }
        #expect(Set(names).isSuperset(of: ["alerts.csv", "incidents.csv", "categories.csv", "billers.csv", "services.csv", "ingest.csv"]))
        for name in names + ["../../Samples/last-week/categories.csv"] {
            let text = try String(contentsOfFile: Self.committed + "/" + name, encoding: .utf8)
            let reader = try CSVReader(string: text, hasHeaderRow: true)
            let header = try #require(reader.headerRow)
            var rows = 0
            while let row = reader.next() {
                #expect(row.count == header.count, "\(name) row \(rows + 2)")
                rows += 1
            }
            #expect(rows > 0, "\(name)")
            // What the library reads is what the writer meant: re-rendering gives the file.
            let again = try CSVReader(string: text, hasHeaderRow: true)
            var table = CSVTable(header: header)
            while let row = again.next() { table.append(row) }
            #expect(table.rendered() == text, "\(name)")
        }
    }
}
