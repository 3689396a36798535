/// One line of a ``ClusterSparklineSheet``: which cluster, what its messages look like, and
/// its errors per day.
public struct ClusterSparklineRow: Sendable, Equatable {
    /// The cluster's stable id (`c…`), the key that links the chart to the report's tables.
    public var clusterID: String
    /// The cluster's message template; the sheet shortens it to fit the label column.
    public var template: String
    public var sparkline: ClusterSparkline

    public init(clusterID: String, template: String, sparkline: ClusterSparkline) {
        self.clusterID = clusterID
        self.template = template
        self.sparkline = sparkline
    }
}
