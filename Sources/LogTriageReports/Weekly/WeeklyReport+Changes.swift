import LogTriageBasics
import LogTriageModel
import LogTriageAnalysis
import LogTriageHistory

extension WeeklyReport {
    /// New clusters first (a new error kind after a release is the incident nobody alerted
    /// on), then clusters that rose, fell or disappeared; and the four-week trend.
    func changes() -> String {
        var text = MarkdownText.heading(Self.sectionTitles[0], level: 2) + "\n"
        guard let comparison = context.comparison else {
            return text + "No previous week to compare with: pass `--baseline` (last week's export or report folder) or `--history FILE.sqlite`.\n"
        }
        if let source = context.comparisonSource { text += "Compared with \(MarkdownText.escaped(source, atLineStart: false)).\n\n" }
        let perCall = comparison.perCallComparisons
        if perCall > 0 {
            text += "Failures are compared per call: \(perCall) of \(comparison.clusters.count) clusters against their service's records in each week, so a service that handled more calls does not make its clusters rise.\n\n"
        }
        if let scale = comparison.durationScale, abs(scale - 1) > 0.01, perCall < comparison.clusters.count {
            text += "The weeks cover different lengths of time, so last week's counts\(perCall > 0 ? " of the other clusters" : "") are scaled by \(ReadableNumber.ratio(scale)) before comparing.\n\n"
        }
        let trafficChanges = comparison.trafficChanges
        if !trafficChanges.isEmpty {
            text += "Traffic itself changed: " + trafficChanges.prefix(8).map { change in
                "\(MarkdownText.code(change.service)) handled \(Self.times(change.ratio)) last week's records "
                    + "(\(ReadableNumber.count(change.records)) against \(ReadableNumber.count(change.baselineRecords)))"
            }.joined(separator: "; ") + (trafficChanges.count > 8 ? "; and \(trafficChanges.count - 8) more services" : "") + ".\n\n"
        }
        let counts = Dictionary(grouping: comparison.clusters, by: \.change).mapValues(\.count)
        text += ClusterChange.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: " · ") + "\n\n"
        let shown = comparison.clusters.filter { $0.change != .steady }
        if shown.isEmpty {
            text += "Every cluster is steady.\n"
        } else {
            var table = MarkdownTable(columns: [
                .init("Change"), .init("Cluster"), .init("Service"), .init("Category"),
                .init("Template", maxWidth: 60), .init("This week", alignment: .right),
                .init("Last week", alignment: .right), .init("Expected", alignment: .right),
            ])
            for entry in shown.prefix(25) {
                let cluster = context.clustersByID[entry.id]
                let change: MarkdownTable.Cell = entry.change == .new ? .markdown("**new** ⚠") : .text(entry.change.rawValue)
                table.append([
                    change, .code(entry.id), .text(cluster?.service ?? entry.baseline?.service ?? ""),
                    .text(cluster?.classification.category.rawValue ?? entry.baseline?.category ?? ""),
                    .code(cluster?.template ?? entry.baseline?.template ?? ""),
                    .text(ReadableNumber.count(entry.count)), .text(ReadableNumber.count(entry.baselineCount)),
                    .text(ReadableNumber.count(Int(entry.expectedCount.rounded()))),
                ])
            }
            text += table.rendered()
            if shown.count > 25 { text += "\n… and \(shown.count - 25) more in `categories.csv` (`change` column).\n" }
        }
        if context.trend.count > 1 { text += "\n" + trendTable() }
        return text
    }

    /// `3.0×`, `0.4×`: a traffic ratio as a multiple, one decimal.
    static func times(_ ratio: Double) -> String {
        let tenths = Int((ratio * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)×"
    }

    /// Errors per category over the last weeks of the history, oldest first.
    func trendTable() -> String {
        let runs = context.trend
        var table = MarkdownTable(columns: [.init("Category")] + runs.map {
            .init("Week of \(String(ISO8601Time.string(milliseconds: $0.rangeStart).prefix(10)))", alignment: .right)
        })
        let trend = RunHistory.categoryTrend(of: runs)
        table.append([.markdown("**all errors**")] + runs.map { .text(ReadableNumber.count($0.errorRecords)) })
        for category in trend.keys.sorted() {
            table.append([.text(category)] + (trend[category] ?? []).map { .text(ReadableNumber.count($0)) })
        }
        return MarkdownText.heading("Four-week trend", level: 3) + "\n" + table.rendered()
    }
}
