/// The ingest totals of a run: every file, and every line of every file accounted for.
public struct IngestSummary: Sendable {
    public private(set) var files: [FileIngestReport] = []
    public private(set) var records = 0
    public private(set) var repairedRecords = 0
    public private(set) var untimedRecords = 0
    /// `NrAiIncident` events set aside (see ``FileIngestReport/incidentEvents``).
    public private(set) var incidentEvents = 0
    public private(set) var skipped = SkipCounts()
    /// The records per UTC day of every file.
    public private(set) var days = RecordDays()
    /// Where the week is, and what lies outside it (nil without timed records).
    public private(set) var week: RecordWeek?
    /// The week's first and last record time: every time figure, chart and alert window
    /// covers this span. Records dated far from it are in ``recordsOutsideWeek``.
    public var firstTimestamp: Int64? { week?.range.lowerBound }
    public var lastTimestamp: Int64? { week?.range.upperBound }
    /// Timed records dated more than a week away from the week's other records.
    public var recordsOutsideWeek: Int { week?.outsideRecords ?? 0 }
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
        if !file.days.isEmpty {
            days.merge(file.days)
            week = days.week()
        }
    }

    /// Keeps `place` if it is the first of its kind.
    public mutating func note(_ place: DamagedPlace) {
        if !firstDamage.contains(where: { $0.damage == place.damage }) { firstDamage.append(place) }
    }

    /// Adds `file`, read elsewhere (a part of the run), after noting its first damaged places,
    /// as if this run had read it: files added in read order keep the first of each kind.
    package mutating func add(_ file: FileIngestReport, firstDamage places: [DamagedPlace]) {
        for place in places { note(place) }
        add(file)
    }

    /// Whether anything was skipped, repaired, cut short or unreadable (`--strict` fails then).
    public var hasDamage: Bool {
        skipped.total > 0 || repairedRecords > 0 || files.contains { $0.truncated || $0.error != nil }
    }
}

/// The first damaged place of each kind in each file, kept by a part of a run so that the run
/// can note them in its own file order (``IngestSummary/add(_:firstDamage:)``).
package struct FirstDamageByFile: Sendable {
    private var places: [String: [DamagedPlace]] = [:]

    package init() {}

    package mutating func note(_ place: DamagedPlace) {
        if !(places[place.path] ?? []).contains(where: { $0.damage == place.damage }) {
            places[place.path, default: []].append(place)
        }
    }

    /// The first damaged place of each kind in the file at `path`, in the order found.
    package subscript(path: String) -> [DamagedPlace] { places[path] ?? [] }

    /// Takes in another part's files (no file is read by two parts).
    package mutating func add(_ other: FirstDamageByFile) {
        places.merge(other.places) { mine, _ in mine }
    }
}
