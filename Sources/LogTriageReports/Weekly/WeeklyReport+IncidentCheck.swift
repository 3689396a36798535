import LogTriageAlerts

extension WeeklyReport {
    /// The replay checked against what New Relic really did (`NrAiIncident` events among the
    /// inputs or given with `--incidents`): per condition, incidents matched, only in New
    /// Relic, only in the replay, and the likeliest reason for the ones that differ. Empty
    /// when no incident events were given.
    func incidentCheck() -> String {
        guard let comparison = context.result.incidentComparison else { return "" }
        var text = MarkdownText.heading("Checked against New Relic's incidents", level: 3) + "\n"
        text += "New Relic's own incidents (`NrAiIncident` events) beside the replay's; every incident is in `incidents-compared.csv`.\n\n"
        var table = MarkdownTable(columns: [
            .init("Condition", maxWidth: 40), .init("Matched", alignment: .right),
            .init("Only in New Relic", alignment: .right), .init("Only in the replay", alignment: .right),
            .init("Likely reason", maxWidth: 80),
        ])
        for (name, count) in comparison.counts.sorted(by: { $0.key < $1.key }) {
            var reasons: [String: Int] = [:]
            for row in comparison.rows where row.condition == name && row.status != .matched { reasons[row.reason, default: 0] += 1 }
            let reason = reasons.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? ""
            table.append([
                .text(name), .text(ReadableNumber.count(count.matched)), .text(ReadableNumber.count(count.onlyNewRelic)),
                .text(ReadableNumber.count(count.onlyReplay)), .text(reason),
            ])
        }
        return text + table.rendered() + "\n"
    }
}
