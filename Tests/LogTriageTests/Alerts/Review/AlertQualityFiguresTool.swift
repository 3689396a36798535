import Foundation
import Testing
@testable import LogTriageAlerts
@testable import LogTriageBasics
@testable import LogTriageAnalysis
@testable import LogTriageReports

/// Prints issue 16's figures on generated weeks, with each planted failure's fate:
/// `LOGTRIAGE_QUALITY_SEEDS=1,5,7 swift test --disable-xctest --filter printFigures`
/// (a seed followed by `s`, as `1s`, is the week without chronic billers, like the bundled
/// sample). Skipped unless the variable is set.
@Suite struct AlertQualityFiguresTool {
    static let seeds = ProcessInfo.processInfo.environment["LOGTRIAGE_QUALITY_SEEDS"]

    @Test(.enabled(if: seeds != nil))
    func printFigures() throws {
        var table = "| week | detected in time, from the first record (≥ 90%) | from the manifest's start | worst proposal red (≤ 50%) | critical incidents (≤ 40) | chronic listed (≥ 7 of 8) |\n|---|---|---|---|---|---|\n"
        var details = ""
        for entry in (Self.seeds ?? "").split(separator: ",") {
            let chronic = !entry.hasSuffix("s")
            guard let seed = UInt64(entry.trimmingCharacters(in: CharacterSet(charactersIn: "s "))) else { continue }
            let week = try AlertQualityTargets.generatedWeek(seed: seed, chronic: chronic)
            let review = try #require(week.result.alerts as AlertReview?)
            let figures = AlertQualityTargets.measure(review, manifest: week.manifest, tuning: week.configuration.alertTuning,
                                                      rules: week.configuration.categoryRules)
            let label = "seed \(seed)\(chronic ? " chronic" : "")"
            table += figures.row(label) + "\n"
            details += "\n## \(label)\n"
            for outcome in figures.outcomes { details += "- \(outcome)\n" }
            for row in review.proposed.sorted(by: { $0.quality.redShare > $1.quality.redShare }) {
                details += String(format: "  %@: red %.1f%% (%.1f h without cause), %d incidents, %d pages, detects %d/%d; %@\n",
                                  row.name, row.quality.redShare * 100, row.quality.redWithoutCauseMinutes / 60,
                                  row.figures.incidents, row.quality.pages, row.quality.detected, row.quality.episodes, row.nrql)
                details += "    window \(row.windowSeconds) s\(row.slideBySeconds.map { " sliding \($0) s" } ?? ""), \(String(describing: row.mainTerm))\n"
                for outcome in row.quality.outcomes {
                    details += "    \(outcome.verdict) \(outcome.minutesToDetect.map { "\(Int($0)) min" } ?? "") \(outcome.incidents) incidents: \(outcome.episode)\n"
                }
                for incident in row.incidents.prefix(12) {
                    details += "      [\(incident.facet)] \(ISO8601Time.minute(milliseconds: incident.incident.opened))–\(ISO8601Time.minute(milliseconds: incident.incident.closed))\n"
                }
            }
            if !figures.wronglyChronic.isEmpty { details += "  wrongly chronic: \(figures.wronglyChronic)\n" }
        }
        print(table + details)
    }
}
