import Foundation
import LogTriageModel

/// An incident New Relic really opened, read from its `NrAiIncident` events (exported with
/// NRQL like the logs: `SELECT * FROM NrAiIncident SINCE …`; see ``NewRelicIncidentEvent``).
///
/// Each incident has an `open` event and, once over, a `close` event with the same
/// `incidentId`. The facet of a faceted NRQL condition is read from `targetName`, else
/// `entity.name` (LogTriage's assumption: New Relic names the signal there).
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
    /// NerdGraph NRQL answer (`…nrql.results`), plain or gzip. Events of other types are
    /// skipped; an open and a close of one incident become one incident, in time order.
    public static func load(path: String) throws -> [NewRelicIncident] {
        var events = NewRelicIncidentEvents()
        try events.add(contentsOf: path)
        return events.incidents
    }
}
