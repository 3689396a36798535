/// Sums over all files of a sample export.
public struct SampleExportTotals: Sendable, Codable, Equatable {
    public var files: Int
    public var records: Int
    public var bytes: Int
    public var uncompressedBytes: Int
    public var damage: SampleDamageCounts
    /// Records written per service name (the truncated file's lost tail included).
    public var recordsWrittenByService: [String: Int]
    /// `NrAiIncident` events written (with `SampleExportOptions/alertConditions`).
    public var incidentEvents: Int?
}
