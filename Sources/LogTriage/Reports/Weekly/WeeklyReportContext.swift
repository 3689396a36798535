/// What the weekly report is written from: the run's result, the rules that own its
/// categories, and what it is compared with.
public struct WeeklyReportContext: Sendable {
    public var result: AnalysisResult
    public var rules: CategoryRules
    public var slowThresholdMs: Int
    /// This week's clusters against the previous week's, when there is one.
    public var comparison: WeekComparison?
    /// Where the previous week came from, in words (`baseline reports/week-45`).
    public var comparisonSource: String?
    /// Up to four weeks, oldest first, ending with this one (from the run history).
    public var trend: [HistoryRun]

    public init(result: AnalysisResult, rules: CategoryRules, slowThresholdMs: Int, comparison: WeekComparison? = nil,
                comparisonSource: String? = nil, trend: [HistoryRun] = []) {
        self.result = result
        self.rules = rules
        self.slowThresholdMs = slowThresholdMs
        self.comparison = comparison
        self.comparisonSource = comparisonSource
        self.trend = trend
    }

    /// The change label of a cluster, when compared.
    func change(of clusterID: String) -> ClusterChange? {
        comparison?.clusters.first { $0.id == clusterID }?.change
    }

    /// UTC days the week covers, first to last record.
    var days: [Int] {
        guard let first = result.ingest.firstTimestamp, let last = result.ingest.lastTimestamp else { return [] }
        return Array(UTCDay.of(first)...UTCDay.of(last))
    }
}
