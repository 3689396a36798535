import Foundation
import Testing
@testable import LogTriageIngest
@testable import LogTriageAnalysis
@testable import LogTriageAlerts
@testable import LogTriageReports
@testable import LogTriage
@testable import LogTriageBasics
import LogTriageTestSupport

/// The same conditions given as our YAML, NerdGraph JSON and Terraform state JSON give
/// byte-identical alerts.csv and incidents.csv on the same records.
@Suite("Alerts: the same conditions in three formats give the same review")
struct FormatRoundTripTests {
    /// Two hours of gateway and pump records with error bursts and latency.
    static func records() -> String {
        let base: Int64 = 1_794_182_400_000
        var lines: [String] = []
        for minute in 0..<120 {
            let time = base + Int64(minute) * 60_000
            let burst = (20..<40).contains(minute) || (70..<75).contains(minute)
            for second in stride(from: 0, to: 60, by: burst ? 5 : 30) {
                let at = time + Int64(second) * 1000
                let level = burst ? "ERROR" : "INFO"
                lines.append(#"{"timestamp":\#(at),"entity.name":"rtd-gateway","level":"\#(level)","message":"call","durationMs":\#(burst ? 2500 : 300)}"#)
            }
            if minute % 3 == 0 {
                let outcome = burst ? "failure" : "success"
                lines.append(#"{"timestamp":\#(time + 7_000),"entity.name":"pump-worker","level":"INFO","message":"invoice","outcome":"\#(outcome)","billerId":"B\#(minute % 2)"}"#)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func byteIdenticalTables() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("round-trip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.records().write(to: folder.appendingPathComponent("logs.json"), atomically: true, encoding: .utf8)
        var tables: [(alerts: String, incidents: String)] = []
        for (text, path) in [(ConditionFormats.ours, "alerts.yml"), (ConditionFormats.nerdGraph, "conditions.json"),
                             (ConditionFormats.terraformState, "state.json")] {
            let conditions = try AlertConditionsLoader.parse(text, path: path)
            let analysis = Analysis(configuration: try TriageConfiguration.defaults(), alertConditions: conditions)
            let result = try analysis.run(InputPlan(arguments: [folder.path]))
            let review = try #require(result.alerts)
            tables.append((AlertsTable.table(for: review).rendered(), IncidentsTable.table(for: review).rendered()))
        }
        #expect(tables[0].incidents.split(separator: "\n").count > 2, "\(tables[0].incidents)")
        #expect(tables[0].incidents.hasPrefix("condition,kind,priority,facet,opened,closed,peak,noise,top_category\n"))
        #expect(tables[0].incidents.contains(",current,warning,"))
        for other in tables.dropFirst() {
            #expect(other.alerts == tables[0].alerts)
            #expect(other.incidents == tables[0].incidents)
        }
    }
}
