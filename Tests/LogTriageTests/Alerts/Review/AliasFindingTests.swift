import Foundation
import Testing
@testable import LogTriageIngest
@testable import LogTriageAlerts
@testable import LogTriage
@testable import LogTriageAnalysis
@testable import LogTriageReports
import LogTriageTestSupport

/// A condition reads canonical fields the way LogTriage does; where New Relic, reading the
/// attribute as written, would miss records, the rationale counts them by how they differ.
@Suite("Alerts: records New Relic would miss")
struct AliasFindingTests {
    @Test func anotherAliasAndAnotherCaseAreCountedApart() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let start: Int64 = 1_794_182_400_000
        var lines = ""
        for n in 0..<6 {
            let time = start + Int64(n) * 10_000
            let level = n < 2 ? #""level":"ERROR""# : n < 4 ? #""log.level":"ERROR""# : #""level":"error""#
            lines += #"{"timestamp":\#(time),\#(level),"entity.name":"ledger","message":"Ledger call timed out","error.class":"java.net.SocketTimeoutException"}"# + "\n"
        }
        // A later record of another service: the export goes on past the window's evaluation.
        lines += #"{"timestamp":\#(start + 300_000),"level":"INFO","entity.name":"other","message":"ok"}"# + "\n"
        let input = try fixtures.plain("logs.json", Array(lines.utf8))
        let conditions = try AlertConditionsFile.parse(yaml: """
            - name: ledger errors
              nrql: "SELECT count(*) FROM Log WHERE entity.name = 'ledger' AND level = 'ERROR'"
              critical: {operator: above, threshold: 5, duration_s: 60}
              aggregation_method: event_timer
              route: sre
            """, path: "alerts.yml")
        let result = try Analysis(configuration: .defaults(), alertConditions: conditions).run(InputPlan(arguments: [input]))
        let row = try #require(result.alerts?.current.first)
        // LogTriage counts all six in the first minute, so the condition breaches (above 5).
        #expect(row.figures.incidents == 1)
        #expect(row.rationale.contains("New Relic would miss 4 records"), "\(row.rationale)")
        #expect(row.rationale.contains("2 carry 'level' only as 'log.level'"), "\(row.rationale)")
        #expect(row.rationale.contains("2 have 'level' in another case"), "\(row.rationale)")
    }
}
