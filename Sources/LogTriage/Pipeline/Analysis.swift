import Foundation
import LogTriageBasics
import LogTriageIngest
import LogTriageAnalysis
import LogTriageAlerts
import LogTriageHistory
import LogTriageReports

/// Runs the pipeline over a plan's inputs: read → records → clusters and categories → totals.
///
/// Inputs are read one after another; each file's decompression runs on its own thread
/// beside the parse, which is where the time goes.
public final class Analysis {
    public let configuration: TriageConfiguration
    /// Whether records are clustered (off only to measure ingest alone).
    public let clusters: Bool
    /// The team's alert conditions to backtest (`--alerts`); nil skips the alert review.
    public let alertConditions: [AlertCondition]?
    /// Last week, when known before the run: the alert review reads its chronic failures.
    public let previousWeek: BaselineCounts?

    public init(configuration: TriageConfiguration, clusters: Bool = true, alertConditions: [AlertCondition]? = nil,
                previousWeek: BaselineCounts? = nil) {
        self.configuration = configuration
        self.clusters = clusters
        self.alertConditions = clusters ? alertConditions : nil
        self.previousWeek = previousWeek
    }

    /// Reads every input (see `IngestRun`) and clusters its error, warning and slow records.
    /// With a spool, every clustered record's placement is kept for the assignments file.
    public func run(_ plan: InputPlan, progress: IngestProgress? = nil, assignments: AssignmentSpool? = nil,
                    damage: (DamagedPlace) -> Void = { _ in }) throws -> AnalysisResult {
        let clusterer = clusters
            ? ErrorClusterer(rules: configuration.categoryRules, invoiceStatePolicy: configuration.invoiceStatePolicy,
                             slowThresholdMs: configuration.slowThresholdMs) : nil
        let stale = clusters ? try StaleInvoiceStage(loopGapMilliseconds: configuration.staleLoopGapMilliseconds) : nil
        var outcomes = OutcomeFigures(policy: configuration.retryPolicy)
        var timeline = ErrorTimeline()
        var failure: (any Error)?
        let run = IngestRun(configuration: configuration,
                            extraAttributes: alertConditions.map(AlertStage.attributes(of:)) ?? [])
        let alerts = try alertConditions.map {
            try AlertStage(conditions: $0, schema: run.schema, slowThresholdMs: configuration.slowThresholdMs)
        }
        let summary = run.read(plan, progress: progress, damage: damage) { record, file in
            guard let clusterer, failure == nil else { return }
            let severity = RecordSeverity(record)
            let placement = clusterer.consume(record, severity: severity)
            let facts = OutcomeFigures.facts(of: record, severity: severity, placement: placement)
            outcomes.consume(facts)
            if let placement { timeline.add(time: facts.time, category: placement.category) }
            do {
                var row: Int?
                if let placement, let assignments {
                    row = assignments.rows
                    try assignments.append(file: file, position: record.position, cluster: placement.provisional, stale: false)
                }
                let reference = try stale?.consume(facts, placement: placement, assignmentRow: row)
                try alerts?.consume(record, facts: facts, severity: severity, placement: placement,
                                    staleReference: reference)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        guard let clusterer, let stale else {
            return AnalysisResult(ingest: summary, clustering: .empty, outcomes: outcomes, staleInvoices: .init(),
                                  sourceIdGaps: [], alerts: nil)
        }
        var staleByCluster: [Int: Int] = [:]
        let staleSummary = try stale.finish { failure in
            if failure.cluster >= 0 { staleByCluster[failure.cluster, default: 0] += 1 }
            outcomes.markStale(service: failure.service, billerId: failure.billerId, sourceId: failure.sourceId,
                               day: failure.day)
            if failure.assignmentRow >= 0 { try assignments?.markStale(row: failure.assignmentRow) }
            try alerts?.markStale(reference: failure.reference)
        }
        try alerts?.finish()
        var review: AlertReview?
        if let alerts {
            let first = (summary.firstTimestamp ?? 0), last = (summary.lastTimestamp ?? first)
            review = AlertReviewer(stage: alerts, rules: configuration.categoryRules, tuning: configuration.alertTuning,
                                   schema: run.schema, range: Self.seconds(first)...Self.seconds(last),
                                   previousWeek: previousWeek, routing: configuration.routing,
                                   deadLetterServices: Set(outcomes.deadLetters.services.filter { $0.value.retryMismatches > 0 }.keys))
                .review()
        }
        return AnalysisResult(ingest: summary, clustering: clusterer.finish(staleByProvisional: staleByCluster),
                              outcomes: outcomes, staleInvoices: staleSummary,
                              sourceIdGaps: outcomes.services.sourceIdGaps(
                                  minimumMissingRatio: configuration.retryPolicy.rareSourceIdRatio),
                              alerts: review, timeline: timeline)
    }

    /// Epoch ms to the second holding it (rounding down, also before 1970).
    static func seconds(_ milliseconds: Int64) -> Int64 {
        milliseconds >= 0 ? milliseconds / 1000 : -((-milliseconds + 999) / 1000)
    }

    /// Writes the run's reports into `directory`, all or nothing, and the assignments file
    /// when a spool was kept.
    /// `comparison` is last week and where it came from; `trend` the history's last weeks.
    public func writeReports(_ result: AnalysisResult, to directory: String,
                             assignments: (spool: AssignmentSpool, path: String)? = nil,
                             comparison: (WeekComparison, source: String)? = nil, trend: [HistoryRun] = []) throws {
        let folder = try ReportFolder(directory: directory)
        try folder.write(SummaryDocument(result: result).json().rendered(), as: "summary.json")
        try folder.write(IngestTable.table(for: result.ingest).rendered(), as: "ingest.csv")
        if clusters {
            try folder.write(CategoriesTable.table(for: result.clustering, comparison: comparison?.0).rendered(),
                             as: "categories.csv")
            try folder.write(BillersTable.table(for: result.outcomes.billers).rendered(), as: "billers.csv")
            try folder.write(ServicesTable.table(for: result.outcomes.services, deadLetters: result.outcomes.deadLetters).rendered(),
                             as: "services.csv")
        }
        if let review = result.alerts {
            try folder.write(AlertsTable.table(for: review).rendered(), as: "alerts.csv")
            try folder.write(IncidentsTable.table(for: review).rendered(), as: "incidents.csv")
            try folder.write(ChronicTable.table(for: review, clustering: result.clustering).rendered(), as: "chronic.csv")
            try folder.write(RoutingTable.table(for: review).rendered(), as: "routing.csv")
            try folder.write(TerraformDocument(review: review).rendered(), as: "alerts.tf")
            try folder.write(NerdGraphDocument(review: review).rendered(), as: "alerts-nerdgraph.json")
        }
        var charts: Set<String> = []
        if clusters {
            let report = WeeklyReport(context: WeeklyReportContext(
                result: result, rules: configuration.categoryRules, slowThresholdMs: configuration.slowThresholdMs,
                comparison: comparison?.0, comparisonSource: comparison?.source, trend: trend,
                alertTuning: configuration.alertTuning))
            try folder.write(report.markdown(), as: "report.md")
            for chart in report.charts() {
                try folder.write(chart.svg, as: chart.name)
                charts.insert(chart.name)
            }
        }
        if let assignments {
            let clustering = result.clustering
            try assignments.spool.write(to: assignments.path, files: result.ingest.files.map(\.path)) { provisional in
                let cluster = clustering.clusters[clustering.clusterIndex[provisional]]
                return (cluster.id, cluster.classification.category.rawValue)
            }
        }
        try folder.commit()
        // Backtest charts of conditions no longer proposed would mislead beside the new report.
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where name.hasPrefix("backtest-") && name.hasSuffix(".svg") && !charts.contains(name) {
            unlink(directory + "/" + name)
        }
    }
}
