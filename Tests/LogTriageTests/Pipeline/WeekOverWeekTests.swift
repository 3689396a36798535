import CSV
import Foundation
import Testing
@testable import LogTriageIngest
@testable import LogTriageModel
@testable import LogTriageAnalysis
@testable import LogTriageHistory
@testable import LogTriage
import LogTriageTestSupport
import LogTriageReportsTestSupport

/// Week over week through the run history and through a baseline: five hand-made weeks,
/// each analysed, compared and appended as the weekly batch does.
@Suite("Pipeline: week over week (history and baseline)", .serialized)
struct WeekOverWeekTests {
    static let firstWeek: Int64 = 1_793_577_600_000  // Monday 2026-11-02 00:00Z
    static let week: Int64 = 7 * 86_400_000

    /// Records of week `index`: `counts` errors per message, spread over the week's hours.
    static func write(week index: Int, counts: [String: Int], into fixtures: InputFixtures) throws -> String {
        var lines = ""
        for (message, count) in counts.sorted(by: { $0.key < $1.key }) {
            for n in 0..<count {
                let time = firstWeek + Int64(index) * week + Int64(n) * 3_600_000 + 1_000
                lines += #"{"timestamp":\#(time),"level":"ERROR","entity.name":"ledger","message":"\#(message) \#(n)","error.class":"java.net.SocketTimeoutException"}"# + "\n"
            }
        }
        // A last record near the week's end, so every week covers the same length of time.
        let end = firstWeek + Int64(index) * week + week - 60_000
        lines += #"{"timestamp":\#(end),"level":"INFO","entity.name":"ledger","message":"closing"}"# + "\n"
        try FileManager.default.createDirectory(atPath: fixtures.path("week\(index)"), withIntermediateDirectories: true)
        return try fixtures.plain("week\(index)/logs.json", Array(lines.utf8))
    }

    static let weeks: [[String: Int]] = [
        ["Ledger call timed out for entry": 30, "Ledger rejected entry": 20],
        ["Ledger call timed out for entry": 30, "Ledger refused connection for batch": 25],
        ["Ledger call timed out for entry": 90, "Ledger refused connection for batch": 25],
        ["Ledger call timed out for entry": 30, "Ledger refused connection for batch": 5],
        ["Ledger call timed out for entry": 31, "Ledger refused connection for batch": 5, "Ledger rejected entry": 2],
    ]

    /// Runs the weekly batch over week `index` with `history`; returns the report folder.
    static func run(week index: Int, files: [String], history: RunHistory?, baseline: String? = nil,
                    fixtures: InputFixtures) throws -> String {
        let configuration = try TriageConfiguration.defaults()
        let analysis = Analysis(configuration: configuration)
        let result = try analysis.run(InputPlan(arguments: [files[index]]))
        let context = try WeekOverWeek.context(for: result, baselinePath: baseline, history: history,
                                               configuration: configuration)
        let out = fixtures.path("out\(index)-\(baseline == nil ? "h" : "b")")
        try analysis.writeReports(result, to: out, comparison: context.comparison, trend: context.trend)
        try history?.append(WeekOverWeek.historyRun(of: result))
        return out
    }

    /// `categories.csv` read back: cluster template (without the number) → change.
    static func changes(in folder: String) throws -> [String: String] {
        let text = try String(contentsOfFile: folder + "/categories.csv", encoding: .utf8)
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        var changes: [String: String] = [:]
        let change = reader.headerRow?.firstIndex(of: "change") ?? 0
        while let row = reader.next() {
            let template = row[7].replacingOccurrences(of: " <*>", with: "")
            changes[template] = row[change]
        }
        return changes
    }

    @Test func theHistoryComparesWithLastWeekAndShowsFourWeeks() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let files = try Self.weeks.indices.map { try Self.write(week: $0, counts: Self.weeks[$0], into: fixtures) }
        let history = try RunHistory(path: fixtures.path("history.sqlite"))
        let first = try Self.run(week: 0, files: files, history: history, fixtures: fixtures)
        #expect(try String(contentsOfFile: first + "/report.md", encoding: .utf8).contains("No previous week"))
        #expect(try Self.changes(in: first).values.allSatisfy(\.isEmpty))

        let second = try Self.run(week: 1, files: files, history: history, fixtures: fixtures)
        #expect(try Self.changes(in: second) == [
            "Ledger call timed out for entry": "steady", "Ledger refused connection for batch": "new",
            "Ledger rejected entry": "gone",
        ])
        let third = try Self.run(week: 2, files: files, history: history, fixtures: fixtures)
        #expect(try Self.changes(in: third)["Ledger call timed out for entry"] == "rising")
        let fourth = try Self.run(week: 3, files: files, history: history, fixtures: fixtures)
        #expect(try Self.changes(in: fourth)["Ledger refused connection for batch"] == "falling")
        let fifth = try Self.run(week: 4, files: files, history: history, fixtures: fixtures)
        // Two records do not make a change sharp: new, since it was gone last week.
        #expect(try Self.changes(in: fifth)["Ledger rejected entry"] == "new")

        let report = try String(contentsOfFile: fifth + "/report.md", encoding: .utf8)
        let trend = try #require(report.components(separatedBy: "### Four-week trend").last)
        let table = try #require(WeeklyReportTests.tables(in: trend).first)
        let header = RenderedTable.split(table[0])
        #expect(header == ["Category", "Week of 2026-11-09", "Week of 2026-11-16", "Week of 2026-11-23", "Week of 2026-11-30"])
        let all = RenderedTable.split(table[2])
        #expect(all == ["**all errors**", "55", "115", "35", "38"])

        // Running the same week again replaces it: the trend does not grow a duplicate.
        _ = try Self.run(week: 4, files: files, history: history, fixtures: fixtures)
        let again = try history.trend(endingWith: WeekOverWeek.historyRun(
            of: Analysis(configuration: .defaults()).run(InputPlan(arguments: [files[4]]))))
        #expect(again.map(\.errorRecords) == [55, 115, 35, 38])
    }

    @Test func aBaselineExportAndItsReportFolderGiveTheSameChanges() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let files = try Self.weeks.indices.map { try Self.write(week: $0, counts: Self.weeks[$0], into: fixtures) }
        let lastWeekFolder = try Self.run(week: 0, files: files, history: nil, fixtures: fixtures)
        let fromFolder = try Self.run(week: 1, files: files, history: nil, baseline: lastWeekFolder, fixtures: fixtures)
        let fromExportFolder = fixtures.path("from-export")
        let configuration = try TriageConfiguration.defaults()
        let analysis = Analysis(configuration: configuration)
        let result = try analysis.run(InputPlan(arguments: [files[1]]))
        let context = try WeekOverWeek.context(for: result, baselinePath: files[0], history: nil, configuration: configuration)
        try analysis.writeReports(result, to: fromExportFolder, comparison: context.comparison, trend: context.trend)
        #expect(try Self.changes(in: fromFolder) == Self.changes(in: fromExportFolder))
        #expect(try Self.changes(in: fromFolder)["Ledger refused connection for batch"] == "new")
        #expect(throws: BaselineError.self) {
            try WeekOverWeek.baseline(path: fixtures.path("nothing-here"), configuration: configuration)
        }
    }
}
