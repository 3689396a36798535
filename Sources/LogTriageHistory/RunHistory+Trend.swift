/// Per-week series for a report's trend columns, aligned with the runs of
/// ``RunHistory/trend(endingWith:weeks:)``.
extension RunHistory {
    /// Records per category in each of `runs`: one count per run, in the order of `runs`,
    /// 0 for a week without the category. Every category of any run is a key.
    public static func categoryTrend(of runs: [HistoryRun]) -> [String: [Int]] {
        series(of: runs) { $0.categories }
    }

    /// Records per cluster id in each of `runs`: one count per run, in the order of `runs`,
    /// 0 for a week without the cluster. Every cluster of any run is a key.
    public static func clusterTrend(of runs: [HistoryRun]) -> [String: [Int]] {
        series(of: runs) { run in
            Dictionary(run.clusters.map { ($0.clusterID, $0.count) }, uniquingKeysWith: +)
        }
    }

    private static func series(of runs: [HistoryRun], counts: (HistoryRun) -> [String: Int]) -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        for (index, run) in runs.enumerated() {
            for (key, count) in counts(run) {
                result[key, default: Array(repeating: 0, count: runs.count)][index] += count
            }
        }
        return result
    }
}
