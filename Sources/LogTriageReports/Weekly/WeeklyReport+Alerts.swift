import LogTriageModel
import LogTriageAlerts

extension WeeklyReport {
    /// The team's conditions beside the proposals, with their backtests, the coverage gaps,
    /// and each proposal's NRQL ready to paste.
    func alertConditions() -> String {
        var text = MarkdownText.heading(Self.sectionTitles[1], level: 2) + "\n"
        guard let review = context.result.alerts else {
            return text + "No conditions file given: run with `--alerts alerts.yml` to backtest the team's New Relic conditions on this week and get proposals (`alerts.csv`, `alerts.tf`).\n"
        }
        text += "Each condition replayed on this week's records, and what replaces it. Incidents are noise when most of the failures in their opening window are stale-invoice failures or not actionable, or when the window holds none. Episodes are bursts of recent actionable failures a condition should catch.\n\n"
        var table = MarkdownTable(columns: [
            .init("Condition", maxWidth: 40), .init("Kind"), .init("Action"), .init("Tier"), .init("Route"),
            .init("Window", alignment: .right), .init("Threshold", alignment: .right),
            .init("Incidents", alignment: .right), .init("Noise", alignment: .right),
            .init("Minutes open", alignment: .right), .init("Flapping", alignment: .right),
            .init("Episodes detected", alignment: .right),
        ])
        for row in review.rows {
            let term = row.mainTerm
            let episodes = row.quality.episodes
            table.append([
                .text(row.name), .text(row.kind.rawValue), .text(row.action.rawValue), .text(row.tier),
                .text(row.route ?? "—"), .text(ReadableNumber.duration(minutes: row.windowSeconds / 60)),
                .text(term.map { "\($0.operator.rawValue) \(NRQLValue.format($0.value))" } ?? ""),
            ] + (row.refusal != nil ? Array(repeating: .text("not backtested"), count: 1) + Array(repeating: .text("—"), count: 4) : [
                .text(ReadableNumber.count(row.figures.incidents)), .text(ReadableNumber.count(row.figures.noiseIncidents)),
                .text(ReadableNumber.count(Int(row.figures.incidentMinutes.rounded()))),
                .text(ReadableNumber.count(row.figures.flappingIncidents)),
                .text(episodes == 0 ? "—" : "\(row.quality.detected) of \(episodes)"),
            ]))
        }
        text += table.rendered() + "\n"
        text += alertQuality(review)
        text += chronicFailures(review)
        text += MarkdownText.heading("Coverage gaps", level: 3) + "\n"
        if review.coverageGaps.isEmpty {
            text += "Every service's recent actionable failures are counted by some condition.\n\n"
        } else {
            text += MarkdownText.bulletList(review.coverageGaps.map { gap in
                "\(MarkdownText.code(gap.service)) \(gap.category.rawValue): \(ReadableNumber.count(gap.records)) recent failures, no condition counts them (team \(MarkdownText.escaped(gap.team, atLineStart: false)))"
            }) + "\n"
        }
        for row in review.current where row.action != .keep || !row.rationale.isEmpty {
            text += "- **\(MarkdownText.escaped(row.name, atLineStart: false))** (\(row.action.rawValue)): \(MarkdownText.escaped(row.rationale, atLineStart: false))\n"
        }
        let check = incidentCheck()
        if !check.isEmpty { text += "\n" + check }
        for row in review.proposed {
            text += "\n" + MarkdownText.heading("Proposed: \(row.name)", level: 3) + "\n"
            var facts = ["\(row.action.rawValue)\(row.replaces.map { " (replaces \($0))" } ?? "")", "\(row.tier) tier"]
            if let route = row.route { facts.append("route to \(route)") }
            if let term = row.mainTerm {
                let slide = row.slideBySeconds.map { " sliding every \(ReadableNumber.duration(minutes: $0 / 60))" } ?? ""
                let occurrences = term.occurrences == .atLeastOnce ? "at least once in" : "for"
                facts.append("\(term.operator.rawValue) \(NRQLValue.format(term.value)) \(occurrences) \(ReadableNumber.duration(minutes: term.durationSeconds / 60)) in \(ReadableNumber.duration(minutes: row.windowSeconds / 60)) windows\(slide)")
            }
            text += MarkdownText.escaped(facts.joined(separator: "; ") + ".") + "\n\n"
            text += MarkdownText.escaped(row.rationale + ".") + "\n\n"
            if !row.missed.isEmpty {
                text += "Misses: " + MarkdownText.escaped(row.missed.prefix(3).map(\.description).joined(separator: "; "), atLineStart: false) + "\n\n"
            }
            text += MarkdownText.codeBlock(row.nrql, language: "sql") + "\n"
            if row.chart != nil {
                let file = ChartFileName.backtest(condition: row.name, kind: row.kind.rawValue)
                text += "![Backtest of \(MarkdownText.linkText(row.name))](\(file))\n"
            }
        }
        return text
    }
}
