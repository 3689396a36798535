import LogTriageBasics
import LogTriageIngest
import LogTriageAnalysis
import LogTriageAlerts

/// What `analyze --partial` writes instead of a report: the mergeable state of everything it
/// read, from which `merge` writes the report one `analyze` over all the parts' files would
/// have written.
///
/// It holds per-cluster, per-biller, per-service and per-hour state, the messages that built
/// the templates, and compact rows only where the merged verdicts or read order decide the
/// figures: invoice observations and failures (stale-invoice verdicts need every part's
/// loops) and dead-letter events (a dead letter's cause may be in another part). Never the
/// records' text. Invoice observations follow this document in the file (``PartialFile``).
public struct PartialRun: Codable, Sendable {
    /// Raised whenever the layout changes; a partial of another format is refused.
    public static let currentFormat = 7

    public var format: Int
    /// `LogTriageVersion.description` of the binary that wrote it: another build may cluster
    /// or classify differently, so its partials are refused.
    public var version: String
    /// The text of the `--config` file, nil for the built-in defaults; the merge analyses with it.
    public var configurationText: String?
    public var maxLineBytes: Int
    /// The `--alerts` conditions, nil when the partial was made without: the merge reviews
    /// the same conditions or none.
    public var conditions: [AlertCondition]?
    /// Inputs that could not be used, then the files read, each in path order.
    public var problems: [PartialInput]
    public var files: [PartialInput]
    var clusterer: ErrorClusterer.Snapshot
    var billers: BillerStats
    var services: ServiceStats
    var timeline: ErrorTimeline
    var alerts: AlertStage.Snapshot?
    /// New Relic's NrAiIncident events among the inputs, compared with the replay.
    var incidentEvents: [PartialIncidentEvent]
    /// How many invoice observations follow the document, after the rows.
    public var observations: Int
    /// How many assignment rows follow the observations: nil when the partial was made
    /// without `--keep-assignments` (a merge then cannot write an assignments file).
    public var assignments: Int?
    /// Rows that grow with the input: stored after the document, in binary (``PartialFile``).
    var deadLetterEvents: [PartialDeadLetterEvent] = []
    var clusterStaleRows: [PartialClusterStaleRow] = []
    var outcomeRows: [PartialOutcomeRow] = []
    /// The names the outcome rows' indices point into.
    var outcomeNames: [String]

    private enum CodingKeys: String, CodingKey {
        case format, version, configurationText, maxLineBytes, conditions, problems, files, clusterer, billers, services
        case timeline, alerts, incidentEvents, observations, assignments, outcomeNames
    }

    /// Every input's path, problems first: a partial's file indices count in this order.
    var paths: [String] { problems.map(\.report.path) + files.map(\.report.path) }
}

/// One input of a partial run: its ingest row, the first damaged place of each kind in it,
/// and the ordinals of its records (which the partial's rows name).
public struct PartialInput: Codable, Sendable {
    public var report: FileIngestReport
    public var damage: [DamagedPlace]
    public var firstOrdinal: Int64
    public var records: Int64
}

/// An invoice failure of a partial run and the provisional cluster it went to.
struct PartialClusterStaleRow: Codable, Sendable {
    var reference: Int64
    var provisional: Int
}

/// An NrAiIncident event among a partial run's inputs: its JSON text and the file it was in.
public struct PartialIncidentEvent: Codable, Sendable {
    var file: Int
    var json: String
}
