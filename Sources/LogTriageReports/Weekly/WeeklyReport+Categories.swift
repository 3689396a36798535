import LogTriageBasics
import LogTriageModel
import LogTriageAnalysis

extension WeeklyReport {
    /// Per actionable category and team, the top clusters: template, counts, trend per day,
    /// first and last seen, an example and what to do.
    func categories() -> String {
        var text = MarkdownText.heading(Self.sectionTitles[2], level: 2) + "\n"
        let clusters = context.result.clustering.clusters
        if timeRange != nil {
            text += "![Errors per hour by category](\(ChartFileName.hourlyCategories))\n\n"
            if !topClusters.isEmpty { text += "![Top clusters per day](\(ChartFileName.clusterSparklines))\n\n" }
        }
        struct Group { var category: Category; var team: String; var clusters: [ErrorCluster] }
        var groups: [String: Group] = [:]
        for cluster in clusters where context.rules.policy(for: cluster.classification.category).actionable {
            let key = cluster.classification.category.rawValue + "\u{1F}" + cluster.classification.team
            groups[key, default: Group(category: cluster.classification.category, team: cluster.classification.team,
                                       clusters: [])].clusters.append(cluster)
        }
        func recent(_ group: Group) -> Int { group.clusters.reduce(0) { $0 + $1.count - $1.staleCount } }
        let ordered = groups.values.sorted {
            (recent($1), $0.category.rawValue, $0.team) < (recent($0), $1.category.rawValue, $1.team)
        }
        if ordered.isEmpty { text += "No actionable errors this week.\n" }
        let days = context.days
        for group in ordered {
            let policy = context.rules.policy(for: group.category)
            let total = group.clusters.reduce(0) { $0 + $1.count }
            let stale = group.clusters.reduce(0) { $0 + $1.staleCount }
            text += MarkdownText.heading("\(group.category.rawValue) — \(group.team)", level: 3) + "\n"
            var summary = "\(ReadableNumber.count(total)) records in \(group.clusters.count) cluster\(group.clusters.count == 1 ? "" : "s"); \(policy.tier.rawValue) tier"
            if let retryable = policy.retryable { summary += retryable ? "; retryable" : "; not retryable" }
            if stale > 0 { summary += "; \(ReadableNumber.count(stale)) stale-invoice failures (noise)" }
            text += MarkdownText.escaped(summary + ".") + "\n\n"
            if let runbook = group.clusters.first?.classification.runbook ?? policy.runbook {
                text += "**Action:** \(MarkdownText.escaped(runbook, atLineStart: false))\n\n"
            }
            var table = MarkdownTable(columns: [
                .init("Cluster"), .init("Service"), .init("Template", maxWidth: 50), .init("Count", alignment: .right),
                .init("Stale", alignment: .right), .init("Per day"), .init("First seen"), .init("Last seen"),
                .init("Example", maxWidth: 50), .init("Reason", maxWidth: 50),
            ])
            for cluster in group.clusters.prefix(5) {
                let change = context.change(of: cluster.id)
                table.append([
                    .markdown(MarkdownText.code(cluster.id) + (change == .new ? " **new**" : "")),
                    .text(cluster.service), .code(cluster.template), .text(ReadableNumber.count(cluster.count)),
                    .text(ReadableNumber.count(cluster.staleCount)),
                    .text(TextSparkline.text(days: days, counts: cluster.dailyCounts)),
                    .text(cluster.firstSeen.map { ISO8601Time.minute(milliseconds: $0) } ?? "—"),
                    .text(cluster.lastSeen.map { ISO8601Time.minute(milliseconds: $0) } ?? "—"),
                    .text(cluster.exampleMessage), .text(cluster.classification.reasonText),
                ])
            }
            text += table.rendered()
            if group.clusters.count > 5 { text += "\n… and \(group.clusters.count - 5) more clusters in `categories.csv`.\n" }
            text += "\n"
        }
        let unactionable = clusters.filter { !context.rules.policy(for: $0.classification.category).actionable }
        let unclassified = unactionable.filter(\.classification.isUnclassified)
        let decided = unactionable.filter { !$0.classification.isUnclassified }
        if !unclassified.isEmpty {
            let records = unclassified.reduce(0) { $0 + $1.count }
            text += "Unclassified: \(ReadableNumber.count(records)) records in \(unclassified.count) clusters that no rule classifies (category `other`, no evidence); add rules to `triage.yml` so next week's run routes them.\n"
        }
        if !decided.isEmpty {
            let records = decided.reduce(0) { $0 + $1.count }
            let reasons = Set(decided.compactMap(\.classification.rule)).sorted().joined(separator: ", ")
            text += "Not actionable: \(ReadableNumber.count(records)) records in \(decided.count) clusters the rules mark as nobody's failure (\(reasons)).\n"
        }
        return text
    }
}
