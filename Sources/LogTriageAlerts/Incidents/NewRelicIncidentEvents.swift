import Foundation
import LogTriageIngest
import LogTriageModel

/// The `NrAiIncident` events of a run, from every place they were found (the inputs, the
/// `--incidents` file), each (incident, open or close) kept once: the same export given twice,
/// or once among the inputs and once with `--incidents`, counts once.
public struct NewRelicIncidentEvents: Sendable {
    private struct Key: Hashable {
        var incidentId: String
        var kind: NewRelicIncidentEvent.Kind
    }

    private var events: [Key: NewRelicIncidentEvent] = [:]
    /// Events read, repeats included.
    public private(set) var eventsRead = 0

    public init() {}

    /// Distinct events kept.
    public var count: Int { events.count }

    public var isEmpty: Bool { events.isEmpty }

    /// Keeps `event` unless one with the same incident and kind is already kept.
    public mutating func add(_ event: NewRelicIncidentEvent) {
        eventsRead += 1
        let key = Key(incidentId: event.incidentId, kind: event.kind)
        if events[key] == nil { events[key] = event }
    }

    /// Adds the events in one JSON text: an event object, an array of them, a historical
    /// export element (`{"attributes":{…}}`) or a NerdGraph NRQL answer (`…nrql.results`).
    /// Returns how many it held; text that is not JSON holds none.
    @discardableResult
    public mutating func add(jsonText: UnsafeRawBufferPointer) -> Int {
        guard let value = try? JSONSerialization.jsonObject(with: Data(jsonText)) else { return 0 }
        return add(value)
    }

    /// Adds the events of a file: one JSON document (an array, a NerdGraph NRQL answer) or
    /// JSON lines, plain or gzip.
    public mutating func add(contentsOf path: String) throws {
        func unreadable(_ reason: String) -> AlertConditionsError {
            AlertConditionsError(path: path, line: nil, problem: .unreadable(reason: reason))
        }
        let stream: DecodedInputStream
        do {
            stream = try DecodedInputStream(source: .file(path))
        } catch {
            guard case let .cannotOpen(_, reason) = error else { throw unreadable(error.description) }
            throw unreadable(reason)
        }
        var data = Data()
        while stream.nextChunk({ data.append(contentsOf: $0) }) {}
        switch stream.ending {
        case .complete: break
        case let .truncated(reason), let .readError(reason): throw unreadable(reason)
        }
        if let whole = try? JSONSerialization.jsonObject(with: data) {
            add(whole)
            return
        }
        for line in data.split(separator: UInt8(ascii: "\n")) {
            if let object = try? JSONSerialization.jsonObject(with: Data(line)) { add(object) }
        }
    }

    @discardableResult
    private mutating func add(_ value: Any) -> Int {
        var found = 0
        Self.collect(value) { object in
            guard let event = NewRelicIncidentEvent(object) else { return }
            add(event)
            found += 1
        }
        return found
    }

    /// Walks a decoded JSON value to the objects that read as incident events (keys in
    /// sorted order, so the walk does not depend on hashing).
    private static func collect(_ value: Any, _ body: ([String: Any]) -> Void) {
        if let list = value as? [Any] {
            for item in list { collect(item, body) }
        } else if let object = value as? [String: Any] {
            if object["conditionName"] != nil, object["event"] != nil {
                body(object)
            } else {
                for key in object.keys.sorted() { collect(object[key]!, body) }
            }
        }
    }

    /// The incidents the events describe: an open and a close of one `incidentId` are one
    /// incident; a close without its open still gives the incident (from its `openTime`).
    public var incidents: [NewRelicIncident] {
        var byId: [String: NewRelicIncident] = [:]
        for event in events.values {
            var incident = byId[event.incidentId]
                ?? NewRelicIncident(incidentId: event.incidentId, condition: event.condition, priority: event.priority,
                                    facet: event.facet, opened: event.openTime, closed: nil)
            incident.opened = min(incident.opened, event.openTime)
            if event.kind == .close { incident.closed = event.closeTime }
            byId[event.incidentId] = incident
        }
        return byId.values.sorted { ($0.condition, $0.opened, $0.incidentId) < ($1.condition, $1.opened, $1.incidentId) }
    }
}
