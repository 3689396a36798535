import Foundation
import Testing
@testable import LogTriageHistory
import LogTriageTestSupport

/// The weekly batch as run from the command line: alert conditions, the run history, and
/// the errors a user meets first.
@Suite("Command line: --alerts, --baseline and --history", .enabled(if: BuiltCommand.path != nil))
struct WeeklyBatchCommandTests {
    static let records = """
        {"timestamp":1794182400000,"level":"ERROR","entity.name":"ledger","message":"Ledger call timed out","error.class":"java.net.SocketTimeoutException"}
        {"timestamp":1794182460000,"level":"ERROR","entity.name":"ledger","message":"Ledger call timed out","error.class":"java.net.SocketTimeoutException"}
        {"timestamp":1794186000000,"level":"INFO","entity.name":"ledger","message":"ok"}

        """

    @Test func aConditionsFileThatDoesNotParseNamesItsLine() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let input = try fixtures.plain("logs.json", Array(Self.records.utf8))
        let alerts = try fixtures.plain("alerts.yml", Array("""
            - name: ledger errors
              nrql: "SELECT count(*) FROM Log WHERE level = 'ERROR'"
              critical: {threshold: 1, duration_s: 60}

            """.utf8))
        let run = try BuiltCommand.run(["analyze", input, "--alerts", alerts, "--out", fixtures.path("out"), "--quiet"])
        #expect(run.status == 1)
        #expect(run.err.contains("\(alerts):3"), "\(run.err)")
        #expect(run.err.contains("ledger errors") && run.err.contains("critical.operator"), "\(run.err)")
        #expect(!FileManager.default.fileExists(atPath: fixtures.path("out/summary.json")))
    }

    @Test func alertsAndHistoryWriteTheirFiles() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let input = try fixtures.plain("logs.json", Array(Self.records.utf8))
        let alerts = try fixtures.plain("alerts.yml", Array("""
            - name: ledger errors
              nrql: "SELECT count(*) FROM Log WHERE level = 'ERROR'"
              critical: {operator: above, threshold: 0, duration_s: 60}
              aggregation_method: event_timer
              route: sre

            """.utf8))
        let history = fixtures.path("history.sqlite")
        let run = try BuiltCommand.run(["analyze", input, "--alerts", alerts, "--history", history,
                                        "--out", fixtures.path("out")])
        #expect(run.status == 0, "\(run.err)")
        for name in ["report.md", "alerts.csv", "incidents.csv", "alerts.tf", "errors-by-hour.svg", "categories.csv"] {
            #expect(FileManager.default.fileExists(atPath: fixtures.path("out/\(name)")), "\(name)")
        }
        // One error in each of two consecutive minutes: one incident, real (transient failures).
        // (Event timer: with New Relic's default event flow, no later error arrives to close
        // the windows, so they would never be evaluated.)
        #expect(run.err.contains("alert 'ledger errors': 1 incident(s), 0 noise"), "\(run.err)")
        let stored = try RunHistory(path: history)
        let runs = try stored.trend(endingWith: HistoryRun(runID: "next", rangeStart: 1_794_787_200_000,
                                                            rangeEnd: 1_795_000_000_000, records: 0, errorRecords: 0))
        #expect(runs.count == 2 && runs[0].errorRecords == 2)
        #expect(runs[0].conditions.contains { $0.condition == "ledger errors" && $0.kind == .current && $0.incidents == 1 })

        let badHistory = try fixtures.plain("not-a-database.sqlite", Array("hello".utf8))
        let refused = try BuiltCommand.run(["analyze", input, "--history", badHistory, "--out", fixtures.path("out2"), "--quiet"])
        #expect(refused.status == 1)
        #expect(refused.err.contains("not-a-database.sqlite"), "\(refused.err)")
        #expect(try BuiltCommand.run(["analyze", input, "--ingest-only", "--history", history, "--out", fixtures.path("o3")]).status != 0)
    }
}
