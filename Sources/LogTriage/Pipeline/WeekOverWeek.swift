import Foundation
import LogTriageBasics
import LogTriageIngest
import LogTriageAnalysis
import LogTriageHistory
import LogTriageReports

/// Where last week comes from — a baseline given on the command line (an export or its
/// report folder) or the run history — and the comparison with this week.
public enum WeekOverWeek {
    /// Last week from `path`: a report folder (with `summary.json` and `categories.csv`) is
    /// read as it is; anything else is read as an export and clustered with `configuration`.
    /// With `chronic`, an export is read with the alert review too, so its chronic failures
    /// (failing through all of last week) are known per biller.
    public static func baseline(path: String, configuration: TriageConfiguration, chronic: Bool = false) throws -> BaselineCounts {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path + "/summary.json"),
           FileManager.default.fileExists(atPath: path + "/categories.csv"),
           FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return try BaselineCounts.load(reportFolder: path)
        }
        let result = try Analysis(configuration: configuration, alertConditions: chronic ? [] : nil)
            .run(InputPlan(arguments: [path]))
        guard result.ingest.records > 0 else { throw BaselineError.unreadable(path: path, reason: "it holds no records") }
        return counts(of: result)
    }

    /// A run's clusters as a baseline for the next one.
    public static func counts(of result: AnalysisResult) -> BaselineCounts {
        BaselineCounts(
            clusters: result.clustering.clusters.map {
                BaselineCluster(id: $0.id, count: $0.count, category: $0.classification.category.rawValue,
                                service: $0.service, template: $0.template)
            },
            records: result.ingest.records, errorRecords: result.clustering.errorRecords,
            rangeStart: result.ingest.firstTimestamp, rangeEnd: result.ingest.lastTimestamp,
            serviceTraffic: result.outcomes.services.trafficPerService,
            chronicFailures: result.alerts.map { review in
                review.chronic.map {
                    BaselineChronicFailure(service: $0.service, billerId: $0.billerId ?? "", category: $0.category.rawValue,
                                           count: $0.count)
                }
            })
    }

    /// A stored run as a baseline.
    public static func counts(of run: HistoryRun) -> BaselineCounts {
        BaselineCounts(
            clusters: run.clusters.map {
                BaselineCluster(id: $0.clusterID, count: $0.count, category: $0.category, service: $0.service,
                                template: $0.template)
            },
            records: run.records, errorRecords: run.errorRecords, rangeStart: run.rangeStart, rangeEnd: run.rangeEnd)
    }

    /// What the report compares this week with: `baselinePath` when given, else the
    /// history's previous run; and the history's last four weeks ending with this one.
    public static func context(for result: AnalysisResult, baselinePath: String?, history: RunHistory?,
                               configuration: TriageConfiguration) throws
        -> (comparison: (WeekComparison, source: String)?, trend: [HistoryRun]) {
        let loaded = try baselinePath.map { (counts: try baseline(path: $0, configuration: configuration), path: $0) }
        return try context(for: result, baseline: loaded, history: history)
    }

    /// The same with the baseline already loaded (before the run, for the alert review).
    public static func context(for result: AnalysisResult, baseline: (counts: BaselineCounts, path: String)?,
                               history: RunHistory?) throws
        -> (comparison: (WeekComparison, source: String)?, trend: [HistoryRun]) {
        var comparison: (WeekComparison, source: String)?
        var trend: [HistoryRun] = []
        if let baseline {
            comparison = (self.comparison(of: result, with: baseline.counts),
                          "baseline \(baseline.path)\(weekOf(baseline.counts.rangeStart))")
        }
        if let history {
            let run = historyRun(of: result)
            trend = try history.trend(endingWith: run)
            if comparison == nil, let previous = try history.previousRun(before: run) {
                comparison = (self.comparison(of: result, with: counts(of: previous)),
                              "the run history\(weekOf(previous.rangeStart))")
            }
        }
        return (comparison, trend)
    }

    /// ` (week of 2026-11-02)`, or nothing without a time.
    static func weekOf(_ start: Int64?) -> String {
        start.map { " (week of \(ISO8601Time.string(milliseconds: $0).prefix(10)))" } ?? ""
    }

    /// This week against `baseline`.
    public static func comparison(of result: AnalysisResult, with baseline: BaselineCounts) -> WeekComparison {
        var current: [String: Int] = [:]
        var services: [String: String] = [:]
        for cluster in result.clustering.clusters {
            current[cluster.id] = cluster.count
            services[cluster.id] = cluster.service
        }
        var duration: Duration?
        if let first = result.ingest.firstTimestamp, let last = result.ingest.lastTimestamp, last > first {
            duration = .milliseconds(last - first)
        }
        return WeekComparison(current: current, currentDuration: duration, baseline: baseline, currentServices: services,
                              currentTraffic: result.outcomes.services.trafficPerService)
    }

    /// The run as the history stores it. Its id depends only on the time range, so running
    /// the same week again replaces it.
    public static func historyRun(of result: AnalysisResult) -> HistoryRun {
        let start = result.ingest.firstTimestamp ?? 0, end = result.ingest.lastTimestamp ?? start
        var conditions: [HistoryConditionFigures] = []
        for row in result.alerts?.rows ?? [] {
            conditions.append(HistoryConditionFigures(condition: row.name, kind: row.kind == .current ? .current : .proposed,
                                                      figures: row.figures))
        }
        return HistoryRun(
            runID: HistoryRun.makeID(rangeStart: start, rangeEnd: end, input: ""), rangeStart: start, rangeEnd: end,
            records: result.ingest.records, errorRecords: result.clustering.errorRecords,
            clusters: result.clustering.clusters.map {
                HistoryClusterCount(clusterID: $0.id, category: $0.classification.category.rawValue, service: $0.service,
                                    template: $0.template, count: $0.count, staleCount: $0.staleCount)
            },
            categories: Dictionary(uniqueKeysWithValues: result.clustering.categoryCounts.map { ($0.key.rawValue, $0.value) }),
            conditions: conditions)
    }
}
