/// One file of a sample export as the manifest describes it.
public struct SampleFile: Sendable, Codable, Equatable {
    /// Path below the export directory, `/`-separated, e.g. `logs/export/2026-11-09/logs-000.json.gz`.
    public var relativePath: String
    /// Records a reader can recover (for a truncated file: the complete ones before the cut).
    public var records: Int
    /// `gzip` or `none` (detect from content: the plain file is also named `.json.gz`).
    public var compression: String
    /// `jsonl` (one record per line), `export` (historical data export: one JSON array of
    /// `{"attributes":{…}}`) or `logapi` (Log API detailed payload: an array of
    /// `{"common":{"attributes":…},"logs":[…]}` blocks).
    public var framing: String
    /// gzip members in the file (concatenated streaming-export style when above 1); 0 when uncompressed.
    public var gzipMembers: Int
    /// The file was cut at a byte offset; its last member has no end.
    public var truncated: Bool
    /// Records written before the cut (equals `records` when not truncated).
    public var recordsWritten: Int
    public var damage: SampleDamageCounts
    /// Size on disk.
    public var bytes: Int
    /// Decompressed size a reader can recover.
    public var uncompressedBytes: Int
    /// Earliest and latest record timestamps (epoch ms) of the recoverable records.
    public var firstTimestampMs: Int64?
    public var lastTimestampMs: Int64?
    /// Services with records in the file, sorted.
    public var services: [String]
    /// Records written per service (before any truncation).
    public var recordsWrittenByService: [String: Int]
    /// New Relic `NrAiIncident` events in the file (the export of the incidents New Relic
    /// opened on the week); absent for log files.
    public var incidentEvents: Int?
}
