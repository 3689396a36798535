import LogTriageBasics
import LogTriageModel

/// The incidents New Relic opened beside the replay's, per condition: each matched, only in
/// New Relic, or only in the replay, with the likely reason.
///
/// Two incidents match when they belong to the same condition, priority and facet (for a
/// condition with a `FACET` clause: New Relic names the signal of other conditions in its own
/// ways) and open within one window plus the condition's delay of each other (the replay
/// evaluates windows as New Relic documents it, but cannot know when data arrived). Each
/// incident matches at most one, earliest first.
public struct IncidentComparison: Sendable {
    public enum Status: String, Sendable { case matched, onlyNewRelic = "only_new_relic", onlyReplay = "only_replay" }

    public struct Row: Sendable, Hashable {
        public var condition: String
        public var priority: Tier
        public var facet: String
        public var newRelic: NewRelicIncident?
        public var replay: BacktestIncident?
        public var status: Status
        public var reason: String
    }

    public var rows: [Row]

    public init(review: AlertReview, conditions: [AlertCondition], incidents: [NewRelicIncident],
                range: ClosedRange<Int64>) {
        var rows: [Row] = []
        let byName = Dictionary(conditions.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let current = Dictionary(review.current.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let names = Set(incidents.map(\.condition)).union(review.current.filter { $0.refusal == nil }.map(\.name))
        for name in names.sorted() {
            let condition = byName[name]
            let row = current[name]
            // Settings out of range (a damaged file) are not used: matched as without settings.
            let timing = condition.flatMap { $0.settingOutOfRange == nil ? $0 : nil }
            let tolerance = Int64((timing?.windowSeconds ?? 60) + (timing?.effectiveDelaySeconds ?? 0)) * 1000
            let faceted = condition.flatMap { try? NRQLQuery.parse($0.nrql, condition: $0.name) }.map {
                !$0.facetExpressions.isEmpty
            } ?? true
            var theirs = incidents.filter { $0.condition == name }
            var ours = row?.incidents ?? []
            var matched: [Row] = []
            for incident in theirs {
                guard let index = ours.firstIndex(where: {
                    $0.tier == incident.priority && (!faceted || $0.facet == incident.facet)
                        && abs($0.incident.opened - incident.opened) <= tolerance
                }) else { continue }
                matched.append(Row(condition: name, priority: incident.priority, facet: ours[index].facet,
                                   newRelic: incident, replay: ours[index].incident, status: .matched, reason: ""))
                ours.remove(at: index)
                theirs.removeAll { $0 == incident }
            }
            rows += matched
            for incident in theirs {
                rows.append(Row(condition: name, priority: incident.priority, facet: incident.facet, newRelic: incident,
                                replay: nil, status: .onlyNewRelic,
                                reason: Self.onlyNewRelicReason(incident, condition: condition, row: row, range: range)))
            }
            for incident in ours {
                rows.append(Row(condition: name, priority: incident.tier, facet: incident.facet, newRelic: nil,
                                replay: incident.incident, status: .onlyReplay,
                                reason: Self.onlyReplayReason(condition: condition, row: row)))
            }
        }
        self.rows = rows.sorted {
            ($0.condition, $0.newRelic?.opened ?? $0.replay?.opened ?? 0, $0.facet, $0.priority.rawValue)
                < ($1.condition, $1.newRelic?.opened ?? $1.replay?.opened ?? 0, $1.facet, $1.priority.rawValue)
        }
    }

    static func onlyNewRelicReason(_ incident: NewRelicIncident, condition: AlertCondition?, row: ConditionReview?,
                                   range: ClosedRange<Int64>) -> String {
        guard let condition else { return "the condition is not among the conditions given" }
        if let refusal = row?.refusal { return "not backtested: \(refusal)" }
        if incident.opened < range.lowerBound * 1000 || incident.opened > (range.upperBound + 1) * 1000 {
            return "opened outside the export's time range"
        }
        if !condition.enabled { return "the condition is disabled in the conditions given, not when New Relic opened it" }
        if row?.countsRecordsNewRelicMisses == true {
            return "the export and New Relic saw different records (see the condition's alias finding)"
        }
        return "the export lacks records New Relic evaluated, or the condition's settings changed during the week"
    }

    static func onlyReplayReason(condition: AlertCondition?, row: ConditionReview?) -> String {
        if condition?.enabled == false { return "the condition is disabled: New Relic evaluated nothing" }
        if row?.countsRecordsNewRelicMisses == true {
            return "records that carry an attribute only under another alias or case count here, not in New Relic"
        }
        return "New Relic did not open it: its data arrived later than the replay assumes, or the incident was closed by hand"
    }

    /// Matched, only in New Relic and only in the replay, per condition.
    public var counts: [String: (matched: Int, onlyNewRelic: Int, onlyReplay: Int)] {
        var counts: [String: (matched: Int, onlyNewRelic: Int, onlyReplay: Int)] = [:]
        for row in rows {
            var entry = counts[row.condition] ?? (0, 0, 0)
            switch row.status {
            case .matched: entry.matched += 1
            case .onlyNewRelic: entry.onlyNewRelic += 1
            case .onlyReplay: entry.onlyReplay += 1
            }
            counts[row.condition] = entry
        }
        return counts
    }
}
