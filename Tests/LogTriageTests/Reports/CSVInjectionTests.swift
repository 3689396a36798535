import CSV
import Foundation
import Testing
@testable import LogTriageBasics
import LogTriageTestSupport

/// Log text reaches the CSVs that SREs open in a spreadsheet: no cell may start a formula.
@Suite("Reports: CSV injection")
struct CSVInjectionTests {
    @Test(arguments: [
        ("=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\""),
        ("@SUM(1+1)", "\"'@SUM(1+1)\""),
        ("+1-2", "\"'+1-2\""),
        ("-2+3", "\"'-2+3\""),
        ("\tindented", "\"'\tindented\""),
        ("\r=1", "\"'\r=1\""),
        ("=\"quoted\"", "\"'=\"\"quoted\"\"\""),
        ("-0.25", "-0.25"),
        ("+3", "+3"),
        ("-1e5", "-1e5"),
        ("plain, text", "\"plain, text\""),
        ("a=b", "a=b"),
        ("say \"hi\" twice \"", "\"say \"\"hi\"\" twice \"\"\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("", ""),
        ("é, ü", "\"é, ü\""),
    ])
    func formulaCellsAreNeutralised(field: String, written: String) {
        #expect(CSVTable.quote(field) == written)
    }

    @Test func hostileLogTextNeverStartsAFormulaInAnyReportCSV() throws {
        guard BuiltCommand.path != nil else { return }
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        var lines = ""
        for index in 0..<20 {
            let record: [String: Any] = [
                "timestamp": 1_762_300_000_000 + index * 60_000, "level": "ERROR", "service": "-svc",
                "message": "=cmd|' /C calc'!A0", "error.class": "@SUM(1+1)", "billerId": "+B1",
                "sourceId": "=HYPERLINK(\"http://x\")", "durationMs": 10,
            ]
            let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
            lines += String(decoding: data, as: UTF8.self) + "\n"
        }
        let input = try fixtures.gzip("hostile.json.gz", members: [Array(lines.utf8)])
        let out = fixtures.path("report")
        let run = try BuiltCommand.run(["analyze", input, "--out", out, "--quiet",
                                        "--assignments", fixtures.path("assignments.csv")])
        #expect(run.status == 0, "\(run.err)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".csv") }.sorted()
        #expect(names.contains("categories.csv"))
        var checked = 0
        for path in names.map({ out + "/" + $0 }) + [fixtures.path("assignments.csv")] {
            let reader = try CSVReader(stream: try #require(InputStream(fileAtPath: path)))
            while let row = reader.next() {
                for cell in row {
                    #expect(!CSVTable.isFormula(cell), "\(path): \(cell)")
                    checked += 1
                }
            }
        }
        #expect(checked > 50)
        let categories = try String(contentsOfFile: out + "/categories.csv", encoding: .utf8)
        #expect(categories.contains("'=cmd|' /C calc'!A0"))
        #expect(categories.contains("'@SUM(1+1)"))
    }
}
