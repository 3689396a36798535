/// A service that never or rarely sends `sourceId`, and what that costs: its failures cannot
/// be pinned on a source, so per-source alerts and billers.csv miss them.
public struct SourceIdGap: Sendable, Equatable {
    public var service: String
    public var records: Int
    public var missingSourceId: Int
    /// Failures of records without `sourceId`.
    public var unattributedFailures: Int

    public var missingRatio: Double { records == 0 ? 0 : Double(missingSourceId) / Double(records) }
    /// True when not one record of the service had a `sourceId`.
    public var never: Bool { missingSourceId == records }
}
