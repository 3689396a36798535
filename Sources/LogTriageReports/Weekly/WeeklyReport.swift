import LogTriageAnalysis

/// `report.md` and its charts: the week in one page for a ticket, in the order a reader
/// acts on it — headline, what changed, alert conditions, actionable categories, billers,
/// services, input.
///
/// Valid GitHub-flavoured markdown that also reads as plain text (pasted into Jira or
/// Confluence): numbers grouped, shares with one decimal, long templates shortened in tables
/// (the CSVs hold them whole), and every table rectangular.
public struct WeeklyReport: Sendable {
    public let context: WeeklyReportContext

    public init(context: WeeklyReportContext) { self.context = context }

    /// The report's section headings, in order.
    public static let sectionTitles = [
        "What changed since last week", "Alert conditions", "Actionable categories", "Billers and sources",
        "Services", "Input",
    ]

    public func markdown() -> String {
        var parts = [headline(), changes(), alertConditions(), categories(), billers(), services(), input()]
        parts.removeAll { $0.isEmpty }
        return parts.joined(separator: "\n")
    }

    /// The SVG files the report links, by file name.
    public func charts() -> [(name: String, svg: String)] {
        var charts: [(String, String)] = []
        if let range = timeRange {
            var hours: [Int64: [String: Int]] = [:]
            for (hour, counts) in context.result.timeline.hours {
                hours[hour] = Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
            }
            charts.append((ChartFileName.hourlyCategories, HourlyCategoryChart(hours: hours, range: range).svg()))
            let rows = topClusters.map { cluster in
                ClusterSparklineRow(clusterID: cluster.id, template: cluster.template,
                                    sparkline: ClusterSparkline(days: context.days, counts: cluster.dailyCounts))
            }
            if !rows.isEmpty { charts.append((ChartFileName.clusterSparklines, ClusterSparklineSheet(rows: rows).svg())) }
        }
        for row in context.result.alerts?.proposed ?? [] {
            guard let chart = row.chart else { continue }
            charts.append((ChartFileName.backtest(condition: row.name, kind: row.kind.rawValue), BacktestChart(
                title: "\(row.name)\(chart.facet.isEmpty ? "" : " — \(chart.facet)")",
                series: chart.points, threshold: chart.threshold, warningThreshold: chart.warningThreshold,
                incidents: chart.incidents.map { ($0.incident.opened, $0.incident.openAtEnd ? nil : $0.incident.closed, $0.noise) },
                range: timeRange, windowMilliseconds: Int64(chart.windowSeconds) * 1000).svg()))
        }
        return charts
    }

    /// The clusters the sparkline sheet shows: the ten with the most records.
    var topClusters: [ErrorCluster] { Array(context.result.clustering.clusters.prefix(10)) }

    var timeRange: ClosedRange<Int64>? {
        guard let first = context.result.ingest.firstTimestamp, let last = context.result.ingest.lastTimestamp else { return nil }
        return first...max(first, last)
    }
}
