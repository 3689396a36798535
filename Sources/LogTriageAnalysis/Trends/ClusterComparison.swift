/// One cluster's count this week beside last week's, with the label it earned.
public struct ClusterComparison: Sendable, Equatable {
    /// The stable cluster id shared by both weeks.
    public let id: String
    public let change: ClusterChange
    /// Records this week (0 for `gone`).
    public let count: Int
    /// Records last week (0 for `new`).
    public let baselineCount: Int
    /// Last week's count at last week's rate over this week's covered time: what "no change"
    /// would have produced. Equal to `baselineCount` when the weeks are compared as raw counts.
    public let expectedCount: Double
    /// Last week's row (category, service, template); nil when last week had no row for it.
    public let baseline: BaselineCluster?

    /// Records more than expected (negative when fewer).
    public var difference: Double { Double(count) - expectedCount }
}
