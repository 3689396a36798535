/// One cluster's count this week beside last week's, with the label it earned.
public struct ClusterComparison: Sendable, Equatable {
    /// The stable cluster id shared by both weeks.
    public let id: String
    public let change: ClusterChange
    /// Records this week (0 for `gone`).
    public let count: Int
    /// Records last week (0 for `new`).
    public let baselineCount: Int
    /// What "no change" would have produced this week: last week's count at last week's
    /// failures per call times this week's calls of the cluster's service when both weeks'
    /// traffic is known (`trafficRatio`), else at last week's rate over this week's covered
    /// time; equal to `baselineCount` when the weeks are compared as raw counts.
    public let expectedCount: Double
    /// This week's records of the cluster's service over last week's, when the comparison was
    /// made per call; nil when it was made by covered time or raw counts.
    public let trafficRatio: Double?
    /// Last week's row (category, service, template); nil when last week had no row for it.
    public let baseline: BaselineCluster?

    public init(id: String, change: ClusterChange, count: Int, baselineCount: Int, expectedCount: Double,
                trafficRatio: Double? = nil, baseline: BaselineCluster?) {
        self.id = id
        self.change = change
        self.count = count
        self.baselineCount = baselineCount
        self.expectedCount = expectedCount
        self.trafficRatio = trafficRatio
        self.baseline = baseline
    }

    /// Records more than expected (negative when fewer).
    public var difference: Double { Double(count) - expectedCount }
}
