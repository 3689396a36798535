import Foundation
import LogTriageModel

/// An incident New Relic really opened, read from its `NrAiIncident` events (exported with
/// NRQL like the logs: `SELECT * FROM NrAiIncident SINCE …`).
///
/// Each incident has an `open` event and, once over, a `close` event with the same
/// `incidentId`; both carry `conditionName`, `priority` (`critical`/`warning`), `openTime`
/// and, on close, `closeTime` (epoch ms). The facet of a faceted NRQL condition is read from
/// `targetName`, else `entity.name` (LogTriage's assumption: New Relic names the signal
/// there).
public struct NewRelicIncident: Sendable, Hashable {
    public var incidentId: String
    public var condition: String
    public var priority: Tier
    public var facet: String
    /// Epoch ms.
    public var opened: Int64
    /// Epoch ms; nil while open.
    public var closed: Int64?

    public init(incidentId: String, condition: String, priority: Tier, facet: String, opened: Int64, closed: Int64?) {
        self.incidentId = incidentId
        self.condition = condition
        self.priority = priority
        self.facet = facet
        self.opened = opened
        self.closed = closed
    }

    /// The incidents in an export of `NrAiIncident` events: JSON lines, a JSON array, or a
    /// NerdGraph NRQL answer (`…nrql.results`). Events of other types are skipped; an open
    /// and a close of one incident become one incident, in time order.
    public static func load(path: String) throws -> [NewRelicIncident] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw AlertConditionsError(path: path, line: nil, problem: .unreadable(reason: error.localizedDescription))
        }
        var events: [[String: Any]] = []
        if let whole = try? JSONSerialization.jsonObject(with: data) {
            collect(whole, into: &events)
        } else {
            for line in data.split(separator: UInt8(ascii: "\n")) {
                if let object = try? JSONSerialization.jsonObject(with: Data(line)) { collect(object, into: &events) }
            }
        }
        return incidents(from: events)
    }

    static func collect(_ value: Any, into events: inout [[String: Any]]) {
        if let list = value as? [Any] {
            for item in list { collect(item, into: &events) }
        } else if let object = value as? [String: Any] {
            if object["conditionName"] != nil, object["event"] != nil {
                events.append(object)
            } else {
                for key in object.keys.sorted() { collect(object[key]!, into: &events) }
            }
        }
    }

    static func incidents(from events: [[String: Any]]) -> [NewRelicIncident] {
        var byId: [String: NewRelicIncident] = [:]
        for event in events {
            if let type = event["eventType"] as? String, type != "NrAiIncident" { continue }
            guard let condition = ConditionSettingValue.text(event["conditionName"]),
                  let kind = ConditionSettingValue.word(event["event"]), kind == "open" || kind == "close"
            else { continue }
            let priority: Tier = ConditionSettingValue.word(event["priority"]) == "warning" ? .warning : .critical
            let facet = ConditionSettingValue.text(event["targetName"]) ?? ConditionSettingValue.text(event["entity.name"]) ?? ""
            let openTime = ConditionSettingValue.number(event["openTime"]).map { Int64($0) }
                ?? ConditionSettingValue.number(event["timestamp"]).map { Int64($0) }
            guard let opened = openTime else { continue }
            let id = ConditionSettingValue.text(event["incidentId"]) ?? "\(condition)|\(priority)|\(facet)|\(opened)"
            var incident = byId[id] ?? NewRelicIncident(incidentId: id, condition: condition, priority: priority,
                                                        facet: facet, opened: opened, closed: nil)
            incident.opened = min(incident.opened, opened)
            if kind == "close" {
                incident.closed = ConditionSettingValue.number(event["closeTime"]).map { Int64($0) }
                    ?? ConditionSettingValue.number(event["timestamp"]).map { Int64($0) }
            }
            byId[id] = incident
        }
        return byId.values.sorted { ($0.condition, $0.opened, $0.incidentId) < ($1.condition, $1.opened, $1.incidentId) }
    }
}
