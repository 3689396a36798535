/// What reading one input yielded: the row of `ingest.csv` and of `summary.json` `files`.
public struct FileIngestReport: Sendable, Equatable, Codable {
    public var path: String
    public var compression: Compression?
    /// `jsonl`, `array`, `logapi`, `export`, `object`, `concatenated` or `empty`; nil when
    /// the file could not be opened.
    public var framing: String?
    public var records = 0
    public var skipped = SkipCounts()
    public var repairedRecords = 0
    /// Records without a readable `timestamp` (kept, but outside any time window).
    public var untimedRecords = 0
    /// New Relic `NrAiIncident` events found among the records: set aside for the comparison
    /// with the alert replay, never counted as records.
    public var incidentEvents = 0
    public var truncated = false
    public var error: String?
    /// Bytes read from disk and bytes after decompression.
    public var compressedBytes = 0
    public var decompressedBytes = 0
    public var firstTimestamp: Int64?
    public var lastTimestamp: Int64?
    /// The records per UTC day, from which the run finds its week (``RecordDays/week()``).
    public var days = RecordDays()

    public init(path: String) { self.path = path }

    /// Lines or elements read, kept or not: records from one line of a Log API payload
    /// count once per record.
    public var skippedLines: Int { skipped.total }
}
