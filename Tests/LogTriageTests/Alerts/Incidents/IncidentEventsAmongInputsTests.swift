import Foundation
import Testing
@testable import LogTriageBasics
@testable import LogTriageIngest
@testable import LogTriageModel
@testable import LogTriageAnalysis
@testable import LogTriageAlerts
@testable import LogTriageReports
@testable import LogTriage
import LogTriageTestSupport

/// `NrAiIncident` events exported among the log files (`FROM NrAiIncident SELECT *`) are not
/// log records: they are set aside and counted, and compared with the replay exactly as
/// `--incidents FILE` would be, the two sources together counting each event once.
@Suite("Alerts: NrAiIncident events among the inputs")
struct IncidentEventsAmongInputsTests {
    static let minute: Int64 = 60_000
    static let base: Int64 = 1_794_182_400_000

    static let condition = AlertCondition(
        name: "gateway errors", nrql: "SELECT filter(count(*), WHERE level = 'ERROR') FROM Log", windowSeconds: 60,
        aggregationMethod: .cadence, aggregationDelaySeconds: 60,
        critical: AlertThreshold(operator: .above, value: 2, durationSeconds: 60))

    static func log(_ time: Int64, level: String) -> String {
        "{\"timestamp\":\(time),\"level\":\"\(level)\",\"message\":\"call failed with status 503\",\"entity.name\":\"rtd-gateway\"}\n"
    }

    static func event(_ kind: String, id: String, opened: Int64, closed: Int64? = nil) -> String {
        var text = "{\"eventType\":\"NrAiIncident\",\"event\":\"\(kind)\",\"incidentId\":\(id),\"conditionName\":\"gateway errors\","
            + "\"priority\":\"critical\",\"openTime\":\(opened),\"timestamp\":\(closed ?? opened)"
        if let closed { text += ",\"closeTime\":\(closed),\"closeCause\":\"EVALUATOR\"" }
        return text + "}"
    }

    /// Errors in minutes 10 and 30 (the replay opens one incident for each), an NrAiIncident
    /// open event among the log lines, and a separate historical export of incident events:
    /// the first incident again (open and close), and one the replay does not open, stamped
    /// after the last log record.
    static func writeExport(_ fixtures: InputFixtures) throws -> (logs: Int, errors: Int) {
        var logs: [String] = []
        var errors = 0
        for minute in 0..<40 {
            let time = base + Int64(minute) * Self.minute
            logs.append(log(time + 1_000, level: "INFO"))
            if minute == 10 || minute == 30 {
                for second in 1...5 { logs.append(log(time + Int64(second) * 5_000, level: "ERROR")) }
                errors += 5
            }
        }
        var lines = logs
        lines.insert(event("open", id: "1", opened: base + 12 * minute) + "\n", at: 20)
        try FileManager.default.createDirectory(atPath: fixtures.path("export/nrql"), withIntermediateDirectories: true)
        try fixtures.gzip("export/logs-000.json.gz", members: [Array(lines.joined().utf8)])
        let historical = "[" + [
            event("open", id: "1", opened: base + 12 * minute),
            event("close", id: "1", opened: base + 12 * minute, closed: base + 13 * minute),
            event("open", id: "2", opened: base + 60 * minute),
        ].map { "{\"attributes\":\($0)}" }.joined(separator: ",\n") + "]"
        try fixtures.gzip("export/nrql/incidents.json.gz", members: [Array(historical.utf8)])
        return (logs.count, errors)
    }

    @Test func incidentEventsAreSetAsideCountedAndCompared() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let export = try Self.writeExport(fixtures)
        let analysis = Analysis(configuration: try .defaults(), alertConditions: [Self.condition])
        let result = try analysis.run(InputPlan(arguments: [fixtures.path("export")]))

        // Not records: not counted, clustered, timed or alerted on.
        #expect(result.ingest.records == export.logs)
        #expect(result.ingest.incidentEvents == 4)
        #expect(result.ingest.files.map(\.incidentEvents) == [1, 3])
        #expect(result.ingest.files.map(\.records) == [export.logs, 0])
        #expect(result.clustering.errorRecords == export.errors)
        #expect(result.ingest.lastTimestamp! < Self.base + 40 * Self.minute)
        let review = try #require(result.alerts)
        #expect(review.current[0].incidents.count == 2)

        // Compared as --incidents would be; the open event found twice counts once.
        let comparison = try #require(result.incidentComparison)
        try #require(comparison.rows.map(\.status) == [.matched, .onlyReplay, .onlyNewRelic])
        #expect(comparison.rows[0].newRelic?.closed == Self.base + 13 * Self.minute)
        #expect(comparison.rows[2].reason == "opened outside the export's time range")

        let out = fixtures.path("out")
        try analysis.writeReports(result, to: out)
        let ingest = try String(contentsOfFile: out + "/ingest.csv", encoding: .utf8).split(separator: "\n")
        #expect(ingest[0].hasSuffix(",decompressed_bytes,incident_events"))
        #expect(ingest[1].hasSuffix(",1") && ingest[2].hasSuffix(",3"))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
            as! [String: Any]
        #expect(summary["records"] as? Int == export.logs)
        #expect(summary["incidentEvents"] as? Int == 4)
        let compared = try String(contentsOfFile: out + "/incidents-compared.csv", encoding: .utf8)
        #expect(compared.split(separator: "\n").count == 4)
    }

    @Test func eventsGivenWithIncidentsAndAmongTheInputsCountOnce() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        _ = try Self.writeExport(fixtures)
        // The same export given again apart, plus one more incident, as JSON lines.
        let file = try fixtures.plain("nrai.jsonl", Array([
            Self.event("open", id: "1", opened: Self.base + 12 * Self.minute),
            Self.event("open", id: "3", opened: Self.base + 31 * Self.minute),
        ].joined(separator: "\n").utf8))
        var given = NewRelicIncidentEvents()
        try given.add(contentsOf: file)
        let result = try Analysis(configuration: try .defaults(), alertConditions: [Self.condition], incidentEvents: given)
            .run(InputPlan(arguments: [fixtures.path("export")]))
        let comparison = try #require(result.incidentComparison)
        #expect(comparison.rows.map(\.status) == [.matched, .matched, .onlyNewRelic])
        #expect(comparison.rows.compactMap(\.newRelic?.incidentId) == ["1", "3", "2"])
    }

    @Test func withoutConditionsTheyAreOnlyCounted() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let export = try Self.writeExport(fixtures)
        let result = try Analysis(configuration: try .defaults()).run(InputPlan(arguments: [fixtures.path("export")]))
        #expect(result.ingest.records == export.logs)
        #expect(result.ingest.incidentEvents == 4)
        #expect(result.incidentComparison == nil)
    }

    /// A log record whose `eventType` is another type, or that mentions NrAiIncident elsewhere,
    /// is a record.
    @Test func onlyTheEventTypeDecides() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let lines = [
            "{\"eventType\":\"Log\",\"timestamp\":\(Self.base),\"message\":\"NrAiIncident\"}",
            "{\"timestamp\":\(Self.base),\"message\":\"{\\\"eventType\\\":\\\"NrAiIncident\\\"}\"}",
            "{\"eventType\":\"NrAiIncidentX\",\"timestamp\":\(Self.base)}",
            "{\"attributes\":{\"eventType\":\"NrAiIncident\",\"event\":\"open\",\"conditionName\":\"c\",\"openTime\":\(Self.base)}}",
        ]
        try fixtures.gzip("mixed.json.gz", members: [Array((lines.joined(separator: "\n") + "\n").utf8)])
        let result = try Analysis(configuration: try .defaults()).run(InputPlan(arguments: [fixtures.path("mixed.json.gz")]))
        #expect(result.ingest.records == 3)
        #expect(result.ingest.incidentEvents == 1)
    }

    /// Times beyond 64 bits (`1e19`, a 20-digit number, 2^63 itself) make an event unreadable,
    /// like one without a time, instead of stopping the run; the event is still set aside and
    /// counted, and the readable ones are compared.
    @Test func eventTimesBeyond64BitsLeaveTheEventUnread() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let lines = [
            "{\"eventType\":\"NrAiIncident\",\"event\":\"open\",\"conditionName\":\"x\",\"openTime\":1e19}",
            "{\"eventType\":\"NrAiIncident\",\"event\":\"open\",\"conditionName\":\"x\",\"openTime\":1,\"timestamp\":18446744073709551619}",
            "{\"eventType\":\"NrAiIncident\",\"event\":\"close\",\"conditionName\":\"x\",\"openTime\":1,\"closeTime\":-1e19}",
            "{\"eventType\":\"NrAiIncident\",\"event\":\"open\",\"conditionName\":\"x\",\"openTime\":9223372036854775807}",
            Self.log(Self.base, level: "ERROR").trimmingCharacters(in: .newlines),
            Self.event("open", id: "7", opened: Self.base),
        ]
        try fixtures.gzip("hostile.json.gz", members: [Array((lines.joined(separator: "\n") + "\n").utf8)])
        let result = try Analysis(configuration: try .defaults(), alertConditions: [Self.condition])
            .run(InputPlan(arguments: [fixtures.path("hostile.json.gz")]))
        #expect(result.ingest.records == 1)
        #expect(result.ingest.incidentEvents == 5)
        let comparison = try #require(result.incidentComparison)
        // The second event's `openTime` and the third's are readable: one incident of condition x.
        #expect(comparison.rows.compactMap(\.newRelic?.incidentId) == ["7", "x|critical||1"])

        var direct = NewRelicIncidentEvents()
        for line in lines.prefix(4) { Array(line.utf8).withUnsafeBytes { _ = direct.add(jsonText: $0) } }
        // The second and third keep their readable `openTime`; the others have no time left to read.
        #expect(direct.eventsRead == 2)
    }
}
