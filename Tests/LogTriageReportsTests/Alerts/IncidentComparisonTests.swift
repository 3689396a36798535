import Foundation
import Testing
@testable import LogTriageModel
@testable import LogTriageAlerts
@testable import LogTriageReports
@testable import LogTriageBasics

/// New Relic's `NrAiIncident` events beside the replay: matched, only in New Relic, only in
/// the replay, per condition.
@Suite("Alerts: the replay checked against New Relic's incidents")
struct IncidentComparisonTests {
    static let minute: Int64 = 60_000
    static let base: Int64 = 1_794_182_400_000

    static func replayed(_ opened: Int64, tier: Tier = .critical, facet: String = "") -> ReviewIncident {
        ReviewIncident(facet: facet, tier: tier,
                       incident: BacktestIncident(opened: opened, closed: opened + 10 * minute, openWindow: opened / 1000,
                                                  peak: 9, windows: 2, openAtEnd: false),
                       noise: false, topCategory: "transient")
    }

    static let events = """
        {"eventType": "NrAiIncident", "event": "open", "incidentId": "1", "conditionName": "gateway errors", "priority": "critical", "openTime": \(base + 2 * minute + 30_000), "timestamp": \(base + 2 * minute + 30_000)}
        {"eventType": "NrAiIncident", "event": "close", "incidentId": "1", "conditionName": "gateway errors", "priority": "critical", "openTime": \(base + 2 * minute + 30_000), "closeTime": \(base + 12 * minute)}
        {"eventType": "NrAiIncident", "event": "open", "incidentId": "2", "conditionName": "gateway errors", "priority": "warning", "openTime": \(base + 40 * minute)}
        {"eventType": "Log", "message": "not an incident", "conditionName": "x", "event": "open"}
        {"eventType": "NrAiIncident", "event": "open", "incidentId": "3", "conditionName": "apm errors", "priority": "critical", "openTime": \(base + 5 * minute)}

        """

    @Test func matchedOnlyNewRelicOnlyReplay() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nrai-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("incidents.json").path
        try Self.events.write(toFile: path, atomically: true, encoding: .utf8)
        let incidents = try NewRelicIncident.load(path: path)
        #expect(incidents.count == 3)
        #expect(incidents.first { $0.incidentId == "1" }?.closed == Self.base + 12 * Self.minute)

        let gateway = AlertCondition(name: "gateway errors", nrql: "SELECT count(*) FROM Log", windowSeconds: 60,
                                     aggregationMethod: .cadence, aggregationDelaySeconds: 60,
                                     critical: AlertThreshold(operator: .above, value: 5, durationSeconds: 60))
        let apm = AlertCondition(name: "apm errors", nrql: "SELECT count(*) FROM Transaction",
                                 critical: AlertThreshold(operator: .above, value: 5, durationSeconds: 60))
        var gatewayRow = TerraformDocumentTests.row("gateway errors", critical: gateway.critical, warning: nil, fillsZero: false)
        gatewayRow.kind = .current
        gatewayRow.incidents = [Self.replayed(Self.base + 2 * Self.minute), Self.replayed(Self.base + 70 * Self.minute)]
        var apmRow = TerraformDocumentTests.row("apm errors", critical: apm.critical, warning: nil, fillsZero: false)
        apmRow.kind = .current
        apmRow.refusal = .otherEventType(["Transaction"])
        let review = AlertReview(current: [gatewayRow, apmRow], proposed: [], episodes: [], coverageGaps: [])
        let range = (Self.base / 1000)...((Self.base + 120 * Self.minute) / 1000)
        let comparison = IncidentComparison(review: review, conditions: [gateway, apm], incidents: incidents, range: range)
        let statuses = comparison.rows.map { "\($0.condition) \($0.priority.rawValue) \($0.status.rawValue)" }
        #expect(statuses == [
            "apm errors critical only_new_relic",
            "gateway errors critical matched",         // 30 s apart: within window + delay
            "gateway errors warning only_new_relic",   // the replay opened no warning incident
            "gateway errors critical only_replay",
        ])
        #expect(comparison.rows[0].reason.contains("not backtested"))
        #expect(comparison.counts["gateway errors"]! == (matched: 1, onlyNewRelic: 1, onlyReplay: 1))
        let table = IncidentComparisonTable.table(for: comparison).rendered()
        #expect(table.hasPrefix(IncidentComparisonTable.header.joined(separator: ",") + "\n"))
        #expect(table.split(separator: "\n").count == 5)
    }
}
