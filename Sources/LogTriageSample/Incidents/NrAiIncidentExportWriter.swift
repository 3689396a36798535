import Foundation
import LogTriageAlerts
import LogTriageBasics
import LogTriageModel

/// Writes the simulated incidents as a team's NRQL export of them would hold them
/// (`SELECT * FROM NrAiIncident SINCE … UNTIL …`): one gzip JSON-lines file of flat events,
/// an `open` for each incident and a `close` for each closed one, in time order, with the
/// attributes New Relic's data dictionary lists for `NrAiIncident`.
///
/// `targetName` names the signal: the facet values of a faceted condition, else the query
/// (the data dictionary: "an entity or a query"). Ids are drawn from the sample's seed, so
/// the same seed gives the same file.
enum NrAiIncidentExportWriter {
    static let relativePath = "logs/incidents/nrai-incident-000.json.gz"

    /// Writes `incidents` of `conditions` under `directory`; returns the file's description.
    static func write(_ incidents: [SimulatedIncident], conditions: [AlertCondition], directory: String,
                      options: SampleExportOptions) throws -> SampleFile {
        var random = SampleRandom(seed: options.seed, stream: 50)
        let firstId = 400_000_000 + random.below(100_000_000)
        let accountId = 1_000_000 + random.below(9_000_000)
        let conditionIds = conditions.map { _ in 40_000_000 + random.below(10_000_000) }
        var events: [(time: Int64, id: Int, kind: Int, line: [UInt8])] = []
        for (offset, incident) in incidents.enumerated() {
            let id = firstId + offset
            let uuid = (random.next(), random.next())
            let condition = conditions[incident.condition]
            let common = Common(accountId: accountId, conditionId: conditionIds[incident.condition], id: id, uuid: uuid)
            events.append((incident.opened, id, 0, line(incident, condition, common, closing: false)))
            if let closed = incident.closed {
                events.append((closed, id, 1, line(incident, condition, common, closing: true)))
            }
        }
        events.sort { ($0.time, $0.id, $0.kind) < ($1.time, $1.id, $1.kind) }
        let spec = SampleFileSpec(relativePath: relativePath, framing: .jsonLines)
        let folder = directory + "/" + relativePath.split(separator: "/").dropLast().joined(separator: "/")
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputError.cannotCreate(path: folder, errno: errno)
        }
        let output = try SampleOutputFile(path: directory + "/" + relativePath, compressed: true,
                                          level: options.compressionLevel)
        for event in events { try output.append(event.line) }
        try output.close()
        return SampleFile(relativePath: spec.relativePath, records: 0, compression: "gzip", framing: spec.framing.rawValue,
                          gzipMembers: output.members, truncated: false, recordsWritten: 0, damage: SampleDamageCounts(),
                          bytes: try SampleFileRouter.size(of: output.path), uncompressedBytes: output.uncompressedBytes,
                          firstTimestampMs: events.first?.time, lastTimestampMs: events.last?.time, services: [],
                          recordsWrittenByService: [:], incidentEvents: events.count)
    }

    private struct Common {
        var accountId: Int
        var conditionId: Int
        var id: Int
        var uuid: (UInt64, UInt64)
    }

    private static func line(_ incident: SimulatedIncident, _ condition: AlertCondition, _ common: Common,
                             closing: Bool) -> [UInt8] {
        let term = incident.priority == .critical ? condition.critical ?? condition.warning : condition.warning
        let time = closing ? incident.closed! : incident.opened
        var out: [UInt8] = []
        SampleJSON.appendKey("eventType", to: &out, first: true)
        SampleJSON.appendString("NrAiIncident", to: &out)
        SampleJSON.appendKey("timestamp", to: &out)
        SampleJSON.appendInteger(time, to: &out)
        SampleJSON.appendKey("event", to: &out)
        SampleJSON.appendString(closing ? "close" : "open", to: &out)
        SampleJSON.appendKey("incidentId", to: &out)
        SampleJSON.appendInteger(Int64(common.id), to: &out)
        SampleJSON.appendKey("violationUuId", to: &out)
        SampleJSON.appendValue(.uuid(common.uuid.0, common.uuid.1), to: &out)
        SampleJSON.appendKey("accountId", to: &out)
        SampleJSON.appendInteger(Int64(common.accountId), to: &out)
        SampleJSON.appendKey("policyName", to: &out)
        SampleJSON.appendString(condition.policy ?? "bill payment", to: &out)
        SampleJSON.appendKey("conditionId", to: &out)
        SampleJSON.appendInteger(Int64(common.conditionId), to: &out)
        SampleJSON.appendKey("conditionName", to: &out)
        SampleJSON.appendString(condition.name, to: &out)
        SampleJSON.appendKey("priority", to: &out)
        SampleJSON.appendString(incident.priority.rawValue, to: &out)
        SampleJSON.appendKey("targetName", to: &out)
        SampleJSON.appendString(incident.facet.isEmpty ? condition.nrql : incident.facet, to: &out)
        SampleJSON.appendKey("nrqlQuery", to: &out)
        SampleJSON.appendString(condition.nrql, to: &out)
        SampleJSON.appendKey("nrqlEventType", to: &out)
        SampleJSON.appendString("Log", to: &out)
        SampleJSON.appendKey("evaluationType", to: &out)
        SampleJSON.appendString(incident.lossOfSignal ? "Expiration" : "Threshold", to: &out)
        SampleJSON.appendKey("title", to: &out)
        SampleJSON.appendString(title(incident, condition, term), to: &out)
        SampleJSON.appendKey("operator", to: &out)
        SampleJSON.appendString(incident.lossOfSignal ? "" : term.map { symbol($0.operator) } ?? "", to: &out)
        if let term, !incident.lossOfSignal {
            SampleJSON.appendKey("threshold", to: &out)
            out.append(contentsOf: NRQLValue.format(term.value).utf8)
            SampleJSON.appendKey("thresholdDuration", to: &out)
            SampleJSON.appendInteger(Int64(term.durationSeconds), to: &out)
            SampleJSON.appendKey("thresholdOccurrences", to: &out)
            SampleJSON.appendString(term.occurrences == .all ? "all" : "any", to: &out)
        }
        SampleJSON.appendKey("aggregationDuration", to: &out)
        SampleJSON.appendInteger(Int64(condition.windowSeconds), to: &out)
        SampleJSON.appendKey("violationTimeLimitSeconds", to: &out)
        SampleJSON.appendInteger(Int64(condition.violationTimeLimitSeconds), to: &out)
        if let expiration = condition.expirationSeconds {
            SampleJSON.appendKey("expirationDuration", to: &out)
            SampleJSON.appendInteger(Int64(expiration), to: &out)
            SampleJSON.appendKey("closeViolationsOnExpiration", to: &out)
            SampleJSON.appendValue(.bool(condition.closeOnExpiration), to: &out)
        }
        SampleJSON.appendKey("muted", to: &out)
        SampleJSON.appendValue(.bool(false), to: &out)
        SampleJSON.appendKey("openTime", to: &out)
        SampleJSON.appendInteger(incident.opened, to: &out)
        if closing {
            SampleJSON.appendKey("closeTime", to: &out)
            SampleJSON.appendInteger(time, to: &out)
            SampleJSON.appendKey("closeCause", to: &out)
            SampleJSON.appendString(incident.closeCause?.rawValue ?? "", to: &out)
            SampleJSON.appendKey("durationSeconds", to: &out)
            SampleJSON.appendInteger((time - incident.opened) / 1000, to: &out)
        }
        out.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
        return out
    }

    /// The default title New Relic gives an incident, as its notifications show it.
    private static func title(_ incident: SimulatedIncident, _ condition: AlertCondition, _ term: AlertThreshold?) -> String {
        let target = incident.facet.isEmpty ? "'\(condition.name)'" : "'\(condition.name)' (\(incident.facet))"
        guard let term, !incident.lossOfSignal else { return "Signal lost on \(target)" }
        let minutes = term.durationSeconds / 60
        let span = term.occurrences == .all ? "for at least \(minutes) minutes" : "at least once in \(minutes) minutes"
        return "Query result is \(symbol(term.operator)) \(NRQLValue.format(term.value)) \(span) on \(target)"
    }

    private static func symbol(_ operator: ThresholdOperator) -> String {
        switch `operator` {
        case .above: ">"
        case .aboveOrEquals: ">="
        case .below: "<"
        case .belowOrEquals: "<="
        case .equals: "="
        case .notEquals: "!="
        }
    }
}
