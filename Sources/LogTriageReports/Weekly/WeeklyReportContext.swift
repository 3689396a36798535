import LogTriageModel
import LogTriageBasics
import LogTriageAnalysis
import LogTriageHistory

/// What the weekly report is written from: the run's result, the rules that own its
/// categories, and what it is compared with.
public struct WeeklyReportContext: Sendable {
    public var result: AnalysisResult
    public var rules: CategoryRules
    /// The `alerts:` settings the review ran with (detection targets, limits).
    public var alertTuning: AlertTuning
    public var slowThresholdMs: Int
    /// This week's clusters against the previous week's, when there is one.
    public var comparison: WeekComparison?
    /// Where the previous week came from, in words (`baseline reports/week-45`).
    public var comparisonSource: String?
    /// Up to four weeks, oldest first, ending with this one (from the run history).
    public var trend: [HistoryRun]
    /// The comparison by cluster id, so lookups stay cheap at the cluster cap.
    private let changes: [String: ClusterChange]
    /// This week's clusters by id.
    let clustersByID: [String: ErrorCluster]

    public init(result: AnalysisResult, rules: CategoryRules, slowThresholdMs: Int, comparison: WeekComparison? = nil,
                comparisonSource: String? = nil, trend: [HistoryRun] = [], alertTuning: AlertTuning = AlertTuning()) {
        self.result = result
        self.rules = rules
        self.alertTuning = alertTuning
        self.slowThresholdMs = slowThresholdMs
        self.comparison = comparison
        self.comparisonSource = comparisonSource
        self.trend = trend
        var changes: [String: ClusterChange] = [:]
        for entry in comparison?.clusters ?? [] { changes[entry.id] = entry.change }
        self.changes = changes
        var clusters: [String: ErrorCluster] = [:]
        for cluster in result.clustering.clusters { clusters[cluster.id] = cluster }
        clustersByID = clusters
    }

    /// The change label of a cluster, when compared.
    func change(of clusterID: String) -> ClusterChange? { changes[clusterID] }

    /// UTC days the week covers, first to last record.
    var days: [Int] {
        guard let first = result.ingest.firstTimestamp, let last = result.ingest.lastTimestamp else { return [] }
        return Array(UTCDay.of(first)...UTCDay.of(last))
    }
}
