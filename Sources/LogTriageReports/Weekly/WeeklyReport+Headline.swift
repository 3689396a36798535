import LogTriageBasics
import LogTriageIngest
import LogTriageModel

extension WeeklyReport {
    /// A finding that needs someone now, with the team that owns it.
    struct Finding {
        var text: String
        var team: String
        /// The tier whose destination receives it.
        var tier: Tier = .critical
    }

    /// From this share of unclassified errors on, the headline says the rules do not know the logs.
    static let highUnclassifiedShare = 0.10

    /// The title and the week in a few lines: volume, noise, unclassified errors when many,
    /// with an alert review the pages per team before and after and the chronic failures to
    /// ticket, and what needs action now.
    func headline() -> String {
        let result = context.result
        let clustering = result.clustering
        var text = MarkdownText.heading("LogTriage weekly report", level: 1) + "\n"
        var lines: [String] = []
        let period = timeRange.map { "\(ISO8601Time.minute(milliseconds: $0.lowerBound)) to \(ISO8601Time.minute(milliseconds: $0.upperBound))" }
            ?? "no timed records"
        lines.append("**Week:** \(period): \(ReadableNumber.count(result.ingest.records)) records, "
            + "\(ReadableNumber.count(clustering.errorRecords)) errors and \(ReadableNumber.count(clustering.warningRecords)) warnings "
            + "in \(ReadableNumber.count(clustering.clusters.count)) clusters."
            + Self.outsideWeekNote(result.ingest.recordsOutsideWeek))
        let errors = clustering.errorRecords
        let stale = result.staleInvoices.staleFailures
        var noise = "**Noise:** \(ReadableNumber.count(stale)) errors (\(ReadableNumber.percent(part: stale, of: errors))) are stale-invoice failures"
        if let comparison = context.comparison {
            let chronic = comparison.clusters(.steady).reduce(0) { total, entry in
                total + (context.clustersByID[entry.id].map { $0.errorCount - $0.staleCount } ?? 0)
            }
            noise += "; \(ReadableNumber.count(chronic)) (\(ReadableNumber.percent(part: chronic, of: errors))) are chronic known errors (clusters steady since last week)."
        } else {
            noise += "; chronic known errors need last week to compare with (`--baseline` or `--history`)."
        }
        lines.append(noise)
        let unclassified = clustering.unclassifiedErrorRecords
        if errors > 0, clustering.unclassifiedShare >= Self.highUnclassifiedShare {
            lines.append("**Unclassified:** \(ReadableNumber.count(unclassified)) errors (\(ReadableNumber.percent(part: unclassified, of: errors))) "
                + "are in clusters no rule classifies: the rules do not know these logs. Alerts on them are judged unknown, "
                + "never noise; add rules to `triage.yml` (the `reason` column of `categories.csv` shows what decided every other cluster).")
        }
        lines += alertHeadlines()
        let findings = actionFindings()
        if findings.isEmpty {
            lines.append("**Act now:** nothing needs a person now.")
        }
        for finding in findings.prefix(3) {
            // With an alert review, the destination routing: sends it to.
            let destination = context.result.alerts.map {
                " → \(MarkdownText.escaped($0.routing.destination(team: finding.team, tier: finding.tier), atLineStart: false))"
            } ?? ""
            lines.append("**Act now** (\(MarkdownText.escaped(finding.team, atLineStart: false))\(destination)): \(finding.text)")
        }
        text += lines.map { $0 + "  \n" }.joined()
        return text
    }

    /// The findings that need action now, most urgent first: new critical failures, critical
    /// failures, failures no alert covers, messages lost to dead letters after retryable errors.
    func actionFindings() -> [Finding] {
        let result = context.result
        var findings: [(rank: Int, count: Int, finding: Finding)] = []
        for cluster in result.clustering.clusters {
            let classification = cluster.classification
            let policy = context.rules.policy(for: classification.category)
            let recent = cluster.errorCount - cluster.staleCount
            guard policy.actionable, classification.tier == .critical, recent > 0 else { continue }
            let isNew = context.change(of: cluster.id) == .new
            let text = "\(isNew ? "**new** " : "")\(MarkdownText.code(cluster.service)) \(classification.category.rawValue): "
                + "\(ReadableNumber.count(recent)) recent failures since \(cluster.firstSeen.map { ISO8601Time.minute(milliseconds: $0) } ?? "?"), "
                + MarkdownText.code(DisplayText.shortened(cluster.template, to: 60))
            findings.append((isNew ? 0 : 1, recent, Finding(text: text, team: classification.team)))
        }
        for gap in result.alerts?.coverageGaps ?? [] where context.rules.policy(for: gap.category).tier == .critical {
            findings.append((2, gap.records, Finding(
                text: "no alert condition counts \(MarkdownText.code(gap.service)) \(gap.category.rawValue) failures (\(ReadableNumber.count(gap.records)) this week)",
                team: gap.team, tier: .critical)))
        }
        for (service, figures) in result.outcomes.deadLetters.services where figures.retryMismatches > 0 {
            findings.append((3, figures.retryMismatches, Finding(
                text: "\(MarkdownText.code(service)) dead-lettered \(ReadableNumber.count(figures.retryMismatches)) messages after a retryable error without retrying",
                team: context.rules.owningTeam(of: service), tier: .warning)))
        }
        // One finding per team and kind, so three lines name different things.
        var seen: Set<String> = []
        return findings.sorted { ($0.rank, -$0.count, $0.finding.text) < ($1.rank, -$1.count, $1.finding.text) }
            .filter { seen.insert("\($0.rank > 1 ? $0.rank : 1)\u{1F}\($0.finding.team)").inserted }
            .map(\.finding)
    }

    /// Records dated far from the week: their dates are damage, so the week is where the
    /// other records are (see Input).
    static func outsideWeekNote(_ records: Int) -> String {
        guard records > 0 else { return "" }
        return " \(ReadableNumber.count(records)) \(records == 1 ? "record is" : "records are") dated more than "
            + "\(RecordDays.weekGapDays) days from the others: \(records == 1 ? "it counts" : "they count") in the totals "
            + "but in no per-day figure, chart or alert window (see Input)."
    }
}
