import LogTriageBasics
import LogTriageModel
import LogTriageAlerts

extension WeeklyReport {
    /// Each condition beside what replaces it, in the terms an on-call engineer judges an
    /// alert by: episodes detected in time or masked, how fast, incidents per episode, time
    /// red with and without a failure of its own, minutes of noise, pages.
    func alertQuality(_ review: AlertReview) -> String {
        var text = MarkdownText.heading("Alert quality", level: 3) + "\n"
        let targets = Tier.allCases.map { "\(context.alertTuning.detectionTargetMinutes[$0] ?? 0) min for \($0.rawValue)" }
        text += MarkdownText.escaped("An episode is detected when the condition opens a new incident within its target (\(targets.joined(separator: ", ")) categories); masked when only an incident opened earlier for something else covers it. Red without cause: open with no failure episode of its own going on. Noise minutes: open on stale, non-actionable or no failures, window by window. Pages are critical incidents.") + "\n\n"
        var table = MarkdownTable(columns: [
            .init("Condition", maxWidth: 40), .init("Kind"), .init("Detected", alignment: .right),
            .init("Masked", alignment: .right), .init("Late or missed", alignment: .right),
            .init("Time to detect", alignment: .right), .init("Incidents per episode", alignment: .right),
            .init("Red", alignment: .right), .init("Red without cause", alignment: .right),
            .init("Noise minutes", alignment: .right), .init("Pages a week", alignment: .right),
        ])
        for row in review.rows {
            let quality = row.quality
            if row.refusal != nil {
                table.append([.text(row.name), .text(row.kind.rawValue)] + Array(repeating: .text("—"), count: 9))
                continue
            }
            table.append([
                .text(row.name), .text(row.kind.rawValue),
                .text(quality.episodes == 0 ? "—" : "\(quality.detected) of \(quality.episodes)"),
                .text(ReadableNumber.count(quality.masked)), .text(ReadableNumber.count(quality.late + quality.missed)),
                .text(quality.medianMinutesToDetect.map { ReadableNumber.duration(minutes: Int($0.rounded())) } ?? "—"),
                .text(quality.incidentsPerEpisode.map { NRQLValue.format(($0 * 10).rounded() / 10) } ?? "—"),
                .text("\(ReadableNumber.duration(minutes: Int(quality.redMinutes.rounded()))) (\(ReadableNumber.ratio(quality.redShare)))"),
                .text(ReadableNumber.duration(minutes: Int(quality.redWithoutCauseMinutes.rounded()))),
                .text(ReadableNumber.count(Int(quality.noiseMinutes.rounded()))),
                .text(NRQLValue.format((quality.pagesPerWeek * 10).rounded() / 10)),
            ])
        }
        text += table.rendered() + "\n"
        text += teamPages(review)
        text += onCallLoad(review)
        text += episodes(review)
        return text
    }

    /// routing.csv as a table: per team and tier, where it goes, what it receives now and with
    /// the proposals, and what it can act on.
    func onCallLoad(_ review: AlertReview) -> String {
        let rows = RoutingTable.rows(for: review)
        guard !rows.isEmpty else { return "" }
        var text = MarkdownText.heading("On-call load per team and tier", level: 3) + "\n"
        text += MarkdownText.escaped("Where each tier goes (routing: in triage.yml: one policy per team, one workflow per team and tier), the incidents and noise incidents each team receives now and with the proposals, and the recent actionable failures of the categories it owns (chronic ones left out). routing.csv holds the same rows.") + "\n\n"
        var table = MarkdownTable(columns: [
            .init("Team"), .init("Tier"), .init("Destination"), .init("Incidents now", alignment: .right),
            .init("Noise now", alignment: .right), .init("Incidents with the proposals", alignment: .right),
            .init("Noise with the proposals", alignment: .right), .init("Actionable failures", alignment: .right),
        ])
        for row in rows {
            table.append([row.team, row.tier.rawValue, row.destination, ReadableNumber.count(row.currentIncidents),
                          ReadableNumber.count(row.currentNoise), ReadableNumber.count(row.proposedIncidents),
                          ReadableNumber.count(row.proposedNoise), ReadableNumber.count(row.actionableFailures)])
        }
        return text + table.rendered() + "\n"
    }

    /// Pages per team and week now and with the proposals.
    func teamPages(_ review: AlertReview) -> String {
        let load = TeamPages.load(of: review)
        guard !load.isEmpty else { return "" }
        var text = MarkdownText.heading("Pages per team", level: 3) + "\n"
        text += "Critical incidents a week each team's conditions send today, and once the proposals replace them (kept conditions included).\n\n"
        var table = MarkdownTable(columns: [
            .init("Team"), .init("Pages now", alignment: .right), .init("Pages with the proposals", alignment: .right),
            .init("Incidents now", alignment: .right), .init("Incidents with the proposals", alignment: .right),
            .init("Episodes detected now", alignment: .right), .init("Episodes detected with the proposals", alignment: .right),
        ])
        for team in load {
            table.append([team.team, Self.pages(team.pagesBefore), Self.pages(team.pagesAfter),
                          ReadableNumber.count(team.incidentsBefore), ReadableNumber.count(team.incidentsAfter),
                          ReadableNumber.count(team.detectedBefore), ReadableNumber.count(team.detectedAfter)])
        }
        return text + table.rendered() + "\n"
    }

    /// Every failure episode that started during the week, with the first condition (after the
    /// review) that detects it, and how the current conditions fared.
    func episodes(_ review: AlertReview) -> String {
        let episodes = review.episodes.filter { !$0.startsWithExport }
        guard !episodes.isEmpty else { return "" }
        var text = MarkdownText.heading("Failure episodes", level: 3) + "\n"
        text += "Bursts of recent actionable failures that started this week (chronic failures and daily patterns left out), and which condition tells someone.\n\n"
        var table = MarkdownTable(columns: [
            .init("Episode", maxWidth: 60), .init("Tier"), .init("Records", alignment: .right), .init("Now"),
            .init("With the proposals", maxWidth: 50),
        ])
        let after = TeamPages.after(review)
        for episode in episodes {
            table.append([
                "\(episode.service) \(episode.category.rawValue)\(episode.subject.map { " \($0)" } ?? "") "
                    + "\(ISO8601Time.minute(milliseconds: episode.start)), \(ReadableNumber.duration(minutes: Int((episode.end - episode.start) / 60_000)))",
                episode.tier.rawValue, ReadableNumber.count(episode.records),
                Self.verdict(of: episode, among: review.current.filter { $0.enabled && $0.refusal == nil }),
                Self.verdict(of: episode, among: after),
            ])
        }
        return text + table.rendered() + "\n"
    }

    /// `detected in 5 min by gateway errors`, else the best verdict any of `rows` reached.
    static func verdict(of episode: FailureEpisode, among rows: [ConditionReview]) -> String {
        let outcomes = rows.flatMap { row in row.quality.outcomes.filter { $0.episode == episode }.map { (row, $0) } }
        if let (row, outcome) = outcomes.filter({ $0.1.verdict == .detected })
            .min(by: { ($0.1.minutesToDetect ?? 0, $0.0.name) < ($1.1.minutesToDetect ?? 0, $1.0.name) }) {
            return "detected in \(ReadableNumber.duration(minutes: Int((outcome.minutesToDetect ?? 0).rounded()))) by \(row.name)"
        }
        for verdict in [EpisodeOutcome.Verdict.late, .masked] {
            if let (row, _) = outcomes.first(where: { $0.1.verdict == verdict }) { return "\(verdict.rawValue) (\(row.name))" }
        }
        return "missed"
    }

    static func pages(_ value: Double) -> String { NRQLValue.format((value * 10).rounded() / 10) }
}
