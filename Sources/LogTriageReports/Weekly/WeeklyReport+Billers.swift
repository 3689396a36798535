import LogTriageAnalysis
import LogTriageBasics

extension WeeklyReport {
    /// Calls a biller and source pair needs before its failure ratio is ranked.
    static let minimumBillerCalls = 20

    /// Per biller, the integrations whose every call failed the same way for a while as other
    /// billers succeeded: the endpoint changed, not the data.
    func endpointEvidence() -> String {
        var text = MarkdownText.heading("Endpoint evidence", level: 3) + "\n"
        let findings = context.result.clustering.endpointFindings
        guard !findings.isEmpty else {
            return text + "No biller failed every call the same way while other billers succeeded.\n\n"
        }
        for finding in findings {
            let status = finding.status.map { "HTTP \($0), " } ?? ""
            let period = finding.ongoing
                ? "since \(ISO8601Time.minute(milliseconds: finding.started))"
                : "from \(ISO8601Time.minute(milliseconds: finding.started)) to \(ISO8601Time.minute(milliseconds: finding.lastFailure))"
            let clusterCategory = context.clustersByID[finding.clusterID]?.classification.category
            let verdict = finding.reclassified ? "its cluster is classified \(finding.category.rawValue) on this evidence"
                : clusterCategory == finding.category ? "its cluster is \(finding.category.rawValue)"
                : "points to \(finding.category.rawValue), though most of its cluster's records are other calls"
            text += "- Biller \(MarkdownText.code(finding.billerId)) (\(MarkdownText.code(finding.service))): every call \(period) "
                + "failed the same way (\(ReadableNumber.count(finding.failures)) calls, \(status)cluster \(MarkdownText.code(finding.clusterID))"
                + (finding.clusterIDs.count > 1 ? " and \(finding.clusterIDs.count - 1) more" : "") + ") "
                + "while \(ReadableNumber.count(finding.otherBillersSucceeding)) other biller\(finding.otherBillersSucceeding == 1 ? "" : "s") succeeded: "
                + "the endpoint, not the data; \(verdict).\n"
        }
        return text + "\n"
    }

    /// The worst recent-failure ratios (with volume), endpoint evidence, stale-invoice noise
    /// per biller, and the slowest billers.
    func billers() -> String {
        var text = MarkdownText.heading(Self.sectionTitles[3], level: 2) + "\n"
        let pairs = context.result.outcomes.billers.sortedPairs()
        guard !pairs.isEmpty else { return text + "No record carries a `billerId`.\n" }
        let ranked = pairs.filter { $0.figures.records >= Self.minimumBillerCalls && $0.figures.recentFailures > 0 }
        text += MarkdownText.heading("Worst recent-failure ratios", level: 3) + "\n"
        if ranked.isEmpty {
            text += "No biller with at least \(Self.minimumBillerCalls) calls had a recent failure.\n\n"
        } else {
            var table = MarkdownTable(columns: [
                .init("Biller"), .init("Source"), .init("Calls", alignment: .right),
                .init("Recent failures", alignment: .right), .init("Ratio", alignment: .right),
                .init("Stale failures", alignment: .right),
            ])
            for (key, figures) in ranked.prefix(10) {
                table.append([
                    .text(key.billerId), .text(key.sourceText), .text(ReadableNumber.count(figures.records)),
                    .text(ReadableNumber.count(figures.recentFailures)),
                    .text(ReadableNumber.percent(part: figures.recentFailures, of: figures.records)),
                    .text(ReadableNumber.count(figures.staleFailures)),
                ])
            }
            text += "Pairs with at least \(Self.minimumBillerCalls) calls; stale-invoice failures are left out of the ratio.\n\n"
            text += table.rendered() + "\n"
        }
        text += endpointEvidence()
        var stale: [String: (stale: Int, failures: Int)] = [:]
        for (key, figures) in pairs where figures.failures > 0 {
            stale[key.billerId, default: (0, 0)].stale += figures.staleFailures
            stale[key.billerId, default: (0, 0)].failures += figures.failures
        }
        let noisy = stale.filter { $0.value.stale > 0 }.sorted { ($1.value.stale, $0.key) < ($0.value.stale, $1.key) }
        text += MarkdownText.heading("Stale-invoice noise per biller", level: 3) + "\n"
        if noisy.isEmpty {
            text += "No stale-invoice failures.\n\n"
        } else {
            var table = MarkdownTable(columns: [
                .init("Biller"), .init("Stale failures", alignment: .right), .init("Of its failures", alignment: .right),
            ])
            for (biller, counts) in noisy.prefix(10) {
                table.append([.text(biller), .text(ReadableNumber.count(counts.stale)),
                              .text(ReadableNumber.percent(part: counts.stale, of: counts.failures))])
            }
            text += table.rendered() + "\n"
        }
        let slow = pairs.compactMap { pair -> (BillerKey, BillerFigures, UInt64)? in
            guard let p95 = pair.figures.latency.value(atPercentile: 95), p95 > UInt64(context.slowThresholdMs) else { return nil }
            return (pair.key, pair.figures, p95)
        }.sorted { ($1.2, $0.0.billerId, $0.0.sourceText) < ($0.2, $1.0.billerId, $1.0.sourceText) }
        text += MarkdownText.heading("Slow billers", level: 3) + "\n"
        if slow.isEmpty {
            text += "No biller's 95th percentile is above \(ReadableNumber.count(context.slowThresholdMs)) ms.\n"
        } else {
            var table = MarkdownTable(columns: [
                .init("Biller"), .init("Source"), .init("Calls", alignment: .right), .init("p50 ms", alignment: .right),
                .init("p95 ms", alignment: .right), .init("p99 ms", alignment: .right),
            ])
            for (key, figures, p95) in slow.prefix(10) {
                table.append([
                    .text(key.billerId), .text(key.sourceText), .text(ReadableNumber.count(figures.records)),
                    .text(figures.latency.value(atPercentile: 50).map { ReadableNumber.count($0) } ?? "—"),
                    .text(ReadableNumber.count(p95)),
                    .text(figures.latency.value(atPercentile: 99).map { ReadableNumber.count($0) } ?? "—"),
                ])
            }
            text += "95th percentile above the slow threshold (\(ReadableNumber.count(context.slowThresholdMs)) ms).\n\n" + table.rendered()
        }
        return text
    }
}
