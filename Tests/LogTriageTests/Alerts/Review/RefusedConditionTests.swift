import Foundation
import Testing
@testable import LogTriageIngest
@testable import LogTriageAnalysis
@testable import LogTriageAlerts
@testable import LogTriageReports
@testable import LogTriage
@testable import LogTriageBasics

/// A condition that cannot be backtested never stops the review: it is listed with why, and
/// the others are backtested as usual.
@Suite("Alerts: refused conditions are listed, the rest is reviewed")
struct RefusedConditionTests {
    static let conditions = """
        - name: log errors
          nrql: "SELECT count(*) FROM Log WHERE level = 'ERROR'"
          critical: {operator: above, threshold: 1, duration_s: 60}
        - name: apm errors
          nrql: "SELECT count(*) FROM Transaction WHERE error IS TRUE"
          critical: {operator: above, threshold: 1, duration_s: 60}
        - name: anomalous errors
          type: baseline
          nrql: "SELECT count(*) FROM Log WHERE level = 'ERROR'"
          critical: {operator: above, threshold: 3, duration_s: 120}
        - name: broken
          nrql: "SELECT count(*) FROM Log WHERE level = 'ERROR' COMPARE WITH 1 week ago"
          warning: {operator: above, threshold: 1, duration_s: 60}
        """

    @Test func refusedConditionsHaveAReasonAndNoFigures() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("refused-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let base: Int64 = 1_790_000_000_000
        var lines: [String] = []
        for minute in 0..<10 {
            for _ in 0..<3 {
                lines.append("{\"timestamp\": \(base + Int64(minute) * 60_000), \"level\": \"ERROR\", \"message\": \"boom\", \"entity.name\": \"svc\"}")
            }
        }
        try lines.joined(separator: "\n").write(to: folder.appendingPathComponent("logs.json"), atomically: true,
                                                encoding: .utf8)
        let conditions = try AlertConditionsLoader.parse(Self.conditions, path: "alerts.yml")
        let analysis = Analysis(configuration: try TriageConfiguration.defaults(), alertConditions: conditions)
        let result = try analysis.run(InputPlan(arguments: [folder.path]))
        let review = try #require(result.alerts)
        #expect(review.current.map(\.name) == ["log errors", "apm errors", "anomalous errors", "broken"])
        #expect(review.current[0].refusal == nil)
        #expect(review.current[0].figures.incidents == 1)
        #expect(review.current[1].refusal == .otherEventType(["Transaction"]))
        #expect(review.current[1].refusal?.description.contains("Transaction events, not log records") == true)
        #expect(review.current[2].refusal == .notStatic(.baseline))
        #expect(review.current[2].refusal?.description.contains("BASELINE") == true)
        #expect(review.current[3].refusal?.kind == "nrql")
        #expect(review.current[3].refusal?.description.contains("COMPARE WITH") == true)
        #expect(review.current[3].tier == "warning")
        let table = AlertsTable.table(for: review).rendered()
        let refusedRows = table.split(separator: "\n").filter { $0.contains("not backtested:") }
        #expect(refusedRows.count == 3)
        for row in refusedRows { #expect(row.contains(",,,,not backtested:") || row.contains(",,,,\"not backtested:")) }
    }
}
