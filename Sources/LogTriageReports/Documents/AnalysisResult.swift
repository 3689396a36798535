import LogTriageIngest
import LogTriageAnalysis
import LogTriageAlerts

/// Everything one analysis found.
public struct AnalysisResult: Sendable {
    public let ingest: IngestSummary
    public let clustering: ClusteringResult
    public let outcomes: OutcomeFigures
    public let staleInvoices: StaleInvoiceSummary
    /// Services that never or rarely send `sourceId`, costliest first.
    public let sourceIdGaps: [SourceIdGap]
    /// The alert conditions' backtest and the proposals, when conditions were given.
    public package(set) var alerts: AlertReview? = nil
    /// Clustered records per hour and category.
    public package(set) var timeline = ErrorTimeline()
    /// New Relic's own incidents (`NrAiIncident` events among the inputs or given with
    /// `--incidents`) beside the replay's, when there were any and conditions were given.
    public package(set) var incidentComparison: IncidentComparison? = nil

    package init(ingest: IngestSummary, clustering: ClusteringResult, outcomes: OutcomeFigures,
                 staleInvoices: StaleInvoiceSummary, sourceIdGaps: [SourceIdGap], alerts: AlertReview? = nil,
                 timeline: ErrorTimeline = ErrorTimeline()) {
        self.ingest = ingest
        self.clustering = clustering
        self.outcomes = outcomes
        self.staleInvoices = staleInvoices
        self.sourceIdGaps = sourceIdGaps
        self.alerts = alerts
        self.timeline = timeline
    }

    /// Error records that could not be judged stale or recent: they lack an account, an
    /// invoice date or a time.
    public var unjudgedFailures: Int {
        max(0, clustering.errorRecords - staleInvoices.staleFailures - staleInvoices.recentFailures)
    }
}
