/// The ingest totals of a run: every file, and every line of every file accounted for.
public struct IngestSummary: Sendable {
    public private(set) var files: [FileIngestReport] = []
    public private(set) var records = 0
    public private(set) var repairedRecords = 0
    public private(set) var untimedRecords = 0
    /// `NrAiIncident` events set aside (see ``FileIngestReport/incidentEvents``).
    public private(set) var incidentEvents = 0
    public private(set) var skipped = SkipCounts()
    public private(set) var firstTimestamp: Int64?
    public private(set) var lastTimestamp: Int64?
    /// The first damaged place of each kind, for the report's input section.
    public private(set) var firstDamage: [DamagedPlace] = []

    public init() {}

    public mutating func add(_ file: FileIngestReport) {
        files.append(file)
        records += file.records
        repairedRecords += file.repairedRecords
        untimedRecords += file.untimedRecords
        incidentEvents += file.incidentEvents
        skipped.merge(file.skipped)
        if let first = file.firstTimestamp { firstTimestamp = min(firstTimestamp ?? first, first) }
        if let last = file.lastTimestamp { lastTimestamp = max(lastTimestamp ?? last, last) }
    }

    /// Keeps `place` if it is the first of its kind.
    public mutating func note(_ place: DamagedPlace) {
        if !firstDamage.contains(where: { $0.damage == place.damage }) { firstDamage.append(place) }
    }

    /// Whether anything was skipped, repaired, cut short or unreadable (`--strict` fails then).
    public var hasDamage: Bool {
        skipped.total > 0 || repairedRecords > 0 || files.contains { $0.truncated || $0.error != nil }
    }
}
