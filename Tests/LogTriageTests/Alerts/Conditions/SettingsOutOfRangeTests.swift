import Foundation
import Testing
import LogTriageIngest
import LogTriageAnalysis
@testable import LogTriageAlerts
import LogTriageReports
@testable import LogTriage
import LogTriageTestSupport

/// A conditions file can hold any 64-bit number of seconds (a hand-edited or damaged file).
/// Each of these stopped the run with an arithmetic overflow (a hostile-input hunt); now the
/// condition is read, refused as not backtested with the setting named, and the run goes on.
@Suite("Alerts: time settings far beyond New Relic's limits")
struct SettingsOutOfRangeTests {
    static let base: Int64 = 1_794_182_400_000

    static let settings: [(yaml: String, named: String)] = [
        ("window_s: 9223372036854775807\n  critical: {operator: above, threshold: 5, duration_s: 9223372036854775807}",
         "aggregation window"),
        ("window_s: 300\n  critical: {operator: above, threshold: 5, duration_s: 9223372036854775800}", "critical duration"),
        ("window_s: 300\n  critical: {operator: above, threshold: 5, duration_s: 300}\n  slide_by_s: 9223372036854775807",
         "slide_by"),
        ("window_s: 300\n  critical: {operator: above, threshold: 5, duration_s: 300}\n  aggregation_method: cadence\n"
            + "  aggregation_delay_s: 4611686018427387904", "aggregation_delay"),
        ("window_s: 300\n  critical: {operator: above, threshold: 5, duration_s: 300}\n  aggregation_method: event_timer\n"
            + "  aggregation_timer_s: 9223372036854775807", "aggregation_timer"),
        ("window_s: 300\n  critical: {operator: above, threshold: 5, duration_s: 300}\n  expiration_s: 9223372036854775807\n"
            + "  open_on_expiration: true", "expiration_duration"),
        ("window_s: 300\n  critical: {operator: above, threshold: 5, duration_s: 300}\n"
            + "  violation_time_limit_s: 4611686018427387904", "violation_time_limit_seconds"),
    ]

    @Test(arguments: settings.indices)
    func theConditionIsRefusedAndTheRunGoesOn(index: Int) throws {
        let (yaml, named) = Self.settings[index]
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let lines = (0..<60).map {
            "{\"timestamp\":\(Self.base + Int64($0) * 60_000),\"level\":\"ERROR\",\"message\":\"call failed with status 503\","
                + "\"entity.name\":\"rtd-gateway\"}\n"
        }
        let logs = try fixtures.gzip("logs.json.gz", members: [Array(lines.joined().utf8)])
        let conditions = try AlertConditionsLoader.parse("""
            - name: hostile
              nrql: SELECT count(*) FROM Log WHERE level = 'ERROR'
              \(yaml)
            - name: usual
              nrql: SELECT count(*) FROM Log WHERE level = 'ERROR'
              window_s: 300
              critical: {operator: above, threshold: 2, duration_s: 300}
            """, path: "alerts.yml")
        let incident = "{\"eventType\":\"NrAiIncident\",\"event\":\"open\",\"incidentId\":1,\"conditionName\":\"hostile\","
            + "\"priority\":\"critical\",\"openTime\":\(Self.base + 600_000)}"
        var events = NewRelicIncidentEvents()
        _ = Array(incident.utf8).withUnsafeBytes { events.add(jsonText: $0) }
        let analysis = Analysis(configuration: try .defaults(), alertConditions: conditions, incidentEvents: events)
        let result = try analysis.run(InputPlan(arguments: [logs]))
        let review = try #require(result.alerts)
        let refusal = try #require(review.current.first { $0.name == "hostile" }?.refusal)
        #expect(refusal.description.contains(named) && refusal.description.contains("is not between"), "\(refusal)")
        #expect(review.current.first { $0.name == "usual" }?.refusal == nil)
        #expect(result.incidentComparison?.rows.contains { $0.condition == "hostile" } == true)
        try analysis.writeReports(result, to: fixtures.path("out"))
    }

    /// Incident times beyond year 9999 or before year 0 are no times: `Int64.min` overflowed
    /// the comparison's differences.
    @Test func incidentTimesBeyondTheCalendarAreUnread() {
        #expect(NewRelicIncidentEvent.milliseconds(Double(Int64.min)) == nil)
        #expect(NewRelicIncidentEvent.milliseconds(-62_167_219_200_001.0) == nil)
        #expect(NewRelicIncidentEvent.milliseconds(253_402_300_800_000.0) == nil)
        #expect(NewRelicIncidentEvent.milliseconds(Double(Self.base)) == Self.base)
        #expect(NewRelicIncidentEvent.milliseconds(-62_167_219_200_000.0) == -62_167_219_200_000)
    }
}
