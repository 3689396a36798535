import LogTriageAlerts
import LogTriageModel

/// New Relic's streaming alerts run over the sample's records: the incidents the team's
/// conditions opened, which the sample writes as `NrAiIncident` events.
///
/// A model of its own, written from New Relic's documentation (see ``StreamingSignal``), not
/// from LogTriage's replay: the sample's incidents are then a real check of the replay. It
/// reads records as New Relic stores them (attributes as written: no aliases), so where the
/// replay reads a field through its aliases the two may differ, as they would on a team's
/// export. Only the conditions New Relic evaluates on log records are run: enabled, STATIC,
/// `FROM Log`, with a query that parses.
final class NewRelicAlertSimulator {
    private struct Condition {
        let condition: AlertCondition
        let query: NRQLQuery
        let settings: StreamingSettings
        var signals: [String: StreamingSignal] = [:]
    }

    let conditions: [AlertCondition]
    private var running: [Int: Condition] = [:]
    private var lastTime: Int64 = .min

    init(conditions: [AlertCondition]) {
        self.conditions = conditions
        for (index, condition) in conditions.enumerated() where condition.enabled && condition.type == .static {
            guard condition.problem == nil,
                  let query = try? NRQLQuery.parse(condition.nrql, condition: condition.name),
                  query.eventTypes == [NRQLQuery.logEventType] else { continue }
            running[index] = Condition(condition: condition, query: query, settings: StreamingSettings(condition))
        }
    }

    /// Whether any condition runs (no incident file is written otherwise).
    var isRunning: Bool { !running.isEmpty }

    /// One record as New Relic received it; records must come in time order.
    func receive(_ record: SampleRecord) {
        guard !running.isEmpty else { return }
        precondition(record.timestamp >= lastTime, "records must arrive in time order")
        lastTime = record.timestamp
        let stored = record.storedAttributes()
        for index in running.keys.sorted() {
            let query = running[index]!.query
            if let predicate = query.predicate, !predicate.evaluate(stored) { continue }
            var parts: [String] = []
            for expression in query.facetExpressions {
                guard let value = expression.value(stored) else { break }
                parts.append(value.text)
            }
            guard parts.count == query.facetExpressions.count else { continue }
            let facet = parts.joined(separator: ", ")
            if running[index]!.signals[facet] == nil {
                running[index]!.signals[facet] = StreamingSignal(
                    condition: index, facet: facet, settings: running[index]!.settings, select: query.select)
            }
            running[index]!.signals[facet]!.receive(stored, at: record.timestamp)
        }
    }

    /// Every incident opened by `end` (epoch ms), in time order; those still open then have no
    /// close.
    func finish(at end: Int64) -> [SimulatedIncident] {
        var incidents: [SimulatedIncident] = []
        for index in running.keys.sorted() {
            for facet in running[index]!.signals.keys.sorted() {
                incidents += running[index]!.signals[facet]!.finish(at: end).filter { $0.opened < end }
            }
        }
        return incidents.sorted {
            ($0.opened, $0.condition, $0.facet, $0.priority.rawValue, $0.lossOfSignal ? 1 : 0)
                < ($1.opened, $1.condition, $1.facet, $1.priority.rawValue, $1.lossOfSignal ? 1 : 0)
        }
    }
}
