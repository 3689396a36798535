import LogTriageBasics
import LogTriageModel

/// A failure that has gone on all week (and, when last week is known, all of last week) at a
/// steady rate: a biller whose certificate expired, whose allow-list or DNS changed, whose
/// endpoint moved. Nobody can act on it at 3 a.m.; it is work for a ticket with its owner,
/// listed in chronic.csv and kept out of the paging conditions.
public struct ChronicFailure: Sendable, Hashable {
    public var subject: FailureSubject
    /// The provisional cluster most of its records fell in (map it with
    /// `ClusteringResult.clusterIndex`); nil when none is known.
    public var provisionalCluster: Int?
    /// First and last failing record (epoch ms).
    public var firstSeen: Int64
    public var lastSeen: Int64
    /// Recent (not stale) failures this week.
    public var count: Int
    /// Failures of the same subject last week, when last week's chronic.csv lists it.
    public var baselineCount: Int?
    /// The team that owns the category for the service (who opens the ticket).
    public var owner: String
    /// Share of the subject's records that fail this way, and of the hours it had records in
    /// which it failed: the evidence in the report.
    public var failureShare: Double
    public var hourShare: Double
    /// Whether last week's report listed it too (so it has failed since before last week).
    public var sinceBeforeLastWeek: Bool

    public var service: String { subject.service }
    public var billerId: String? { subject.billerId }
    public var category: Category { subject.category }
}
