import LogTriageBasics
import LogTriageModel
import LogTriageAlerts

extension WeeklyReport {
    /// The chronic failures as work for their owners: what fails, since when, how often, and
    /// that the paging conditions leave them out until fixed.
    func chronicFailures(_ review: AlertReview) -> String {
        var text = MarkdownText.heading("Chronic failures: tickets, not pages", level: 3) + "\n"
        guard !review.chronic.isEmpty else {
            return text + "No biller or service failed one way through the whole week.\n\n"
        }
        let since = review.previousWeekStart ?? context.result.ingest.firstTimestamp
        let sinceText = since.map { "since before \(ISO8601Time.string(milliseconds: $0).prefix(10))" } ?? "all week"
        text += MarkdownText.escaped(review.previousWeekStart == nil
            ? "Failing through the whole export at a steady rate (no per-biller figures from last week to compare with). Each is left out of the paging proposals' NRQL; remove the exclusion once it is fixed. chronic.csv lists them."
            : "Failing through last week and this one at a steady rate. Each is left out of the paging proposals' NRQL; remove the exclusion once it is fixed. chronic.csv lists them.") + "\n\n"
        var lines: [String] = []
        for failure in review.chronic {
            let cluster = ChronicTable.clusterID(failure, clustering: context.result.clustering)
                .flatMap { context.clustersByID[$0] }
            let what = cluster.map { MarkdownText.code(DisplayText.shortened($0.template, to: 70)) } ?? failure.category.rawValue
            let whom = failure.billerId.map { "open a ticket with biller \(MarkdownText.code($0))" }
                ?? "fix \(MarkdownText.code(failure.service))"
            lines.append("**\(MarkdownText.escaped(failure.owner, atLineStart: false))**: \(whom) (\(MarkdownText.code(failure.service)) \(failure.category.rawValue)): \(what), "
                + "\(ReadableNumber.count(failure.count)) failures (\(ReadableNumber.ratio(failure.failureShare)) of its records)"
                + (failure.baselineCount.map { ", \(ReadableNumber.count($0)) last week" } ?? "") + ", failing \(sinceText)")
        }
        return text + MarkdownText.bulletList(lines) + "\n"
    }

    /// The headline's alert lines: per team, pages a week now and with the proposals (the
    /// largest change first), and the chronic failures to ticket, per owner.
    func alertHeadlines() -> [String] {
        guard let review = context.result.alerts else { return [] }
        var lines: [String] = []
        let load = TeamPages.load(of: review).filter { $0.pagesBefore > 0 || $0.pagesAfter > 0 }
            .sorted { (-abs($0.pagesAfter - $0.pagesBefore), $0.team) < (-abs($1.pagesAfter - $1.pagesBefore), $1.team) }
        if let most = load.first {
            let change = most.pagesAfter < most.pagesBefore ? "loses the most pages" : "gains the most pages"
            lines.append("**Pages a week**, now → with the proposals: " + load.map {
                "\(MarkdownText.escaped($0.team, atLineStart: false)) \(Self.pages($0.pagesBefore)) → \(Self.pages($0.pagesAfter))"
            }.joined(separator: ", ") + "; \(MarkdownText.escaped(most.team, atLineStart: false)) \(change).")
        }
        if review.chronic.isEmpty {
            lines.append("**Tickets:** no chronic failure this week.")
        } else {
            var byOwner: [String: [String]] = [:]
            for failure in review.chronic {
                byOwner[failure.owner, default: []].append(failure.billerId ?? failure.service)
            }
            lines.append("**Tickets:** \(review.chronic.count) chronic failure\(review.chronic.count == 1 ? "" : "s") to ticket, kept out of paging (chronic.csv): "
                + byOwner.keys.sorted().map { owner in
                    "\(MarkdownText.escaped(owner, atLineStart: false)) \(byOwner[owner]!.count) (\(byOwner[owner]!.sorted().map(MarkdownText.code).joined(separator: ", ")))"
                }.joined(separator: "; ") + ".")
        }
        return lines
    }
}
