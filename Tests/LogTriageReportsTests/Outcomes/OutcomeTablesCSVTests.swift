import Testing
@testable import LogTriageAnalysis
@testable import LogTriageReports
@testable import LogTriageBasics
import LogTriageTestSupport

extension Outcomes {
    @Suite struct OutcomeTablesCSVTests {
        @Test("ids with commas, quotes and line breaks survive rendering and reading back")
        func quotingRoundTrip() {
            var billers = BillerStats()
            var services = ServiceStats()
            let awkward = [
                RecordFacts(service: "svc, \"quoted\"", billerId: "acme, \"inc\"", sourceId: "line\nbreak", durationMs: 12),
                RecordFacts(service: "plain", billerId: "b\r\nc", sourceId: nil, isError: true),
            ]
            for record in awkward {
                billers.consume(record)
                services.consume(record)
            }
            for table in [BillersTable.table(for: billers), ServicesTable.table(for: services)] {
                let rows = LoghubCSV.rows(table.rendered())
                #expect(rows == [table.header] + table.rows)
            }
            let rows = LoghubCSV.rows(BillersTable.table(for: billers).rendered())
            #expect(rows.dropFirst().map { [$0[0], $0[1]] }.contains(["acme, \"inc\"", "line\nbreak"]))
            #expect(rows.dropFirst().map { [$0[0], $0[1]] }.contains(["b\r\nc", "(none)"]))
        }
    }
}
