/// One cluster's counts in one run, kept so a report can show how a cluster moved from
/// week to week by its stable id.
public struct HistoryClusterCount: Sendable, Equatable {
    /// The cluster's stable id (``ErrorCluster/id``), the same in every week.
    public var clusterID: String
    public var category: String
    public var service: String
    /// The message template, `<*>` for variables.
    public var template: String
    public var count: Int
    /// Records of the cluster judged stale-invoice noise.
    public var staleCount: Int

    public init(clusterID: String, category: String, service: String, template: String, count: Int,
                staleCount: Int) {
        self.clusterID = clusterID
        self.category = category
        self.service = service
        self.template = template
        self.count = count
        self.staleCount = staleCount
    }
}
