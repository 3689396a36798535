import Foundation
import LogTriageModel

/// One `NrAiIncident` event: New Relic opening or closing an incident.
///
/// Read from the attributes New Relic's data dictionary lists for `NrAiIncident`: `event`
/// (`open`, `close`; `Muted`, `Acknowledge` and `Sent` are not openings or closings),
/// `incidentId`, `conditionName`, `priority` (`critical`, `warning`), `openTime` and, on a
/// close, `closeTime` (epoch ms; `timestamp` when they are missing). The signal (facet value)
/// of a NRQL condition is read from `targetName`, else `entity.name`; a `targetName` that is
/// the condition's query (`nrqlQuery`) names no facet.
public struct NewRelicIncidentEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case open, close }

    public var incidentId: String
    public var kind: Kind
    public var condition: String
    public var priority: Tier
    public var facet: String
    /// Epoch ms.
    public var openTime: Int64
    /// Epoch ms, on a close.
    public var closeTime: Int64?

    public init(incidentId: String, kind: Kind, condition: String, priority: Tier, facet: String, openTime: Int64,
                closeTime: Int64? = nil) {
        self.incidentId = incidentId
        self.kind = kind
        self.condition = condition
        self.priority = priority
        self.facet = facet
        self.openTime = openTime
        self.closeTime = closeTime
    }

    /// The event a decoded JSON object holds; nil when it is not an opening or closing of an
    /// incident (another event type, another `event`, no condition or time).
    init?(_ object: [String: Any]) {
        if let type = object["eventType"] as? String, type != "NrAiIncident" { return nil }
        guard let condition = ConditionSettingValue.text(object["conditionName"]),
              let word = ConditionSettingValue.word(object["event"]), let kind = Kind(rawValue: word)
        else { return nil }
        let timestamp = Self.milliseconds(object["timestamp"])
        guard let openTime = Self.milliseconds(object["openTime"]) ?? (kind == .open ? timestamp : nil) else { return nil }
        let target = ConditionSettingValue.text(object["targetName"])
        let query = ConditionSettingValue.text(object["nrqlQuery"])
        let facet = (target != nil && target != query ? target : nil)
            ?? ConditionSettingValue.text(object["entity.name"]) ?? ""
        let priority: Tier = ConditionSettingValue.word(object["priority"]) == "warning" ? .warning : .critical
        self.init(incidentId: ConditionSettingValue.text(object["incidentId"]) ?? "\(condition)|\(priority)|\(facet)|\(openTime)",
                  kind: kind, condition: condition, priority: priority, facet: facet, openTime: openTime,
                  closeTime: kind == .close ? Self.milliseconds(object["closeTime"]) ?? timestamp : nil)
    }

    /// A time in epoch milliseconds, cut to whole milliseconds; nil for what is no number or
    /// lies beyond 64 bits (`1e19`, which converted as it is would stop the run).
    static func milliseconds(_ value: Any?) -> Int64? {
        ConditionSettingValue.number(value).flatMap { Int64(exactly: $0.rounded(.towardZero)) }
            .flatMap { readableTimes.contains($0) ? $0 : nil }
    }

    /// From 0000-01-01 to 9999-12-31 (epoch ms): a time beyond is damage, and the comparison's
    /// differences of times must not overflow.
    static let readableTimes: ClosedRange<Int64> = -62_167_219_200_000...253_402_300_799_999
}
