import Foundation
import Testing
@testable import LogTriageIngest
@testable import LogTriageAnalysis
@testable import LogTriageAlerts
@testable import LogTriageReports
@testable import LogTriageSample
@testable import LogTriage
@testable import LogTriageBasics
@testable import LogTriageModel

/// Alert quality on a generated week whose episodes and chronic billers are known (the
/// generator's manifest, `--chronic-failures`), with the week before as the baseline: the
/// proposals detect each new failure with a new incident in time, nothing masks it, nothing
/// stays red without a failure of its own, and the chronic billers become tickets.
@Suite("Alerts: alert quality on a generated week with chronic billers", .serialized)
struct AlertQualityWeekTests {
    /// The team's conditions: the bundled sample's, plus one that counts the gateway's
    /// endpoint failures without a facet, which the chronic billers keep red all week.
    static let conditionsYAML = """
        - name: gateway endpoint failures
          nrql: "SELECT filter(count(*), WHERE error.class IN ('javax.net.ssl.SSLHandshakeException', 'java.net.UnknownHostException', 'org.springframework.web.client.HttpClientErrorException$Unauthorized')) FROM Log WHERE entity.name = 'rtd-gateway'"
          window_s: 300
          critical: {operator: above, threshold: 0, duration_s: 300}
          route: client-services
        """

    struct Week {
        var manifest: SampleExportManifest
        var result: AnalysisResult
        var previous: BaselineCounts
        var conditions: [AlertCondition]
        var configuration: TriageConfiguration
        var logs: String
    }

    /// Seed 5 with chronic billers, and the week before (seed 105) analysed first as a report
    /// would have been: its chronic failures are the baseline's.
    static let week: Week? = {
        let root = NSTemporaryDirectory() + "logtriage-alert-quality-" + UUID().uuidString
        guard let manifest = try? SampleExportGenerator.write(to: root + "/week", options: .init(seed: 5, chronicFailures: true)),
              (try? SampleExportGenerator.write(to: root + "/before", options: .init(seed: 105, previousWeek: true,
                                                                                   chronicFailures: true))) != nil,
              let configuration = try? TriageConfiguration.load(path: AlertReviewTests.sampleConfiguration),
              let sample = try? AlertConditionsFile.load(path: samplesFile("alerts.yml")),
              let extra = try? AlertConditionsFile.parse(yaml: conditionsYAML, path: "alerts.yml"),
              let before = try? Analysis(configuration: configuration, alertConditions: [])
                  .run(InputPlan(arguments: [root + "/before/logs"])) else { return nil }
        let previous = WeekOverWeek.counts(of: before)
        let conditions = sample + extra
        guard let result = try? Analysis(configuration: configuration, alertConditions: conditions, previousWeek: previous)
            .run(InputPlan(arguments: [root + "/week/logs"])) else { return nil }
        return Week(manifest: manifest, result: result, previous: previous, conditions: conditions,
                    configuration: configuration, logs: root + "/week/logs")
    }()

    static func samplesFile(_ name: String) -> String {
        URL(fileURLWithPath: AlertReviewTests.sampleConfiguration).deletingLastPathComponent().appendingPathComponent(name).path
    }

    static var chronicBillers: Set<String> {
        Set(week?.manifest.episodes.filter { $0.tier == "ticket" }.compactMap { $0.attributes["billerId"] } ?? [])
    }

    @Test func theChronicBillersAreTicketsAndNoNewFailureIs() throws {
        let week = try #require(Self.week)
        let review = try #require(week.result.alerts)
        let planted = Self.chronicBillers
        #expect(planted.count == 8)
        let listed = Set(review.chronic.compactMap(\.billerId))
        #expect(planted.isSubset(of: listed), "missing: \(planted.subtracting(listed).sorted())")
        // No biller whose failure started this week is chronic.
        let started = Set(week.manifest.episodes.filter { $0.tier != "ticket" && $0.startMs > week.manifest.weekStartMs }
            .compactMap { $0.attributes["billerId"] })
        #expect(listed.isDisjoint(with: started), "\(listed.intersection(started).sorted())")
        // Last week listed them too: their counts are the baseline's.
        for failure in review.chronic where planted.contains(failure.billerId ?? "") {
            #expect(failure.baselineCount != nil && failure.sinceBeforeLastWeek, "\(failure.subject)")
            #expect(failure.owner == week.configuration.categoryRules
                .classification(for: failure.category, service: failure.service).team)
        }
        // chronic.csv: its exact columns, one row per chronic failure, clusters named.
        let table = ChronicTable.table(for: review, clustering: week.result.clustering)
        #expect(table.header == ["service", "biller_id", "category", "cluster", "first_seen", "last_seen", "count",
                                 "baseline_count", "owner"])
        #expect(table.rows.count == review.chronic.count)
        #expect(table.rows.allSatisfy { !$0[3].isEmpty && !$0[7].isEmpty })
    }

    @Test func withoutLastWeekChronicMeansFailingThroughTheWholeExport() throws {
        let week = try #require(Self.week)
        let result = try Analysis(configuration: week.configuration, alertConditions: week.conditions)
            .run(InputPlan(arguments: [week.logs]))
        let review = try #require(result.alerts)
        #expect(Self.chronicBillers.isSubset(of: Set(review.chronic.compactMap(\.billerId))))
        #expect(review.chronic.allSatisfy { $0.baselineCount == nil && !$0.sinceBeforeLastWeek })
        #expect(review.previousWeekStart == nil)
    }

    @Test func aFailureLastWeekDidNotHaveIsNotChronic() throws {
        let week = try #require(Self.week)
        // Last week's list without B004: B004 has not failed through last week.
        var previous = week.previous
        previous.chronicFailures = previous.chronicFailures?.filter { $0.billerId != "B004" }
        let result = try Analysis(configuration: week.configuration, alertConditions: week.conditions, previousWeek: previous)
            .run(InputPlan(arguments: [week.logs]))
        let review = try #require(result.alerts)
        #expect(!review.chronic.contains { $0.billerId == "B004" })
        #expect(review.chronic.contains { $0.billerId == "B006" })
    }

    @Test func paginConditionsLeaveTheChronicBillersOutInTheirNRQL() throws {
        let review = try #require(Self.week?.result.alerts)
        let gateway = try #require(review.proposed.first { $0.nrql.contains("'rtd-gateway'") && $0.tier == "critical" })
        #expect(gateway.nrql.contains("FACET billerId"), "\(gateway.nrql)")
        #expect(gateway.nrql.contains("billerId IS NULL OR billerId NOT IN ("), "\(gateway.nrql)")
        for biller in ["B004", "B006", "B007", "B010", "B015", "B018", "B020"] {
            #expect(gateway.nrql.contains("'\(biller)'"), "\(biller)")
            #expect(gateway.chronicExclusions.contains(biller))
        }
        #expect(gateway.rationale.contains("remove the exclusion once they are fixed"))
        // No incident of any proposal is on a chronic biller, and none of their failures is an episode.
        for row in review.proposed {
            #expect(!row.incidents.contains { Self.chronicBillers.contains($0.facet) }, "\(row.name)")
        }
        #expect(!review.episodes.contains { Self.chronicBillers.contains($0.subject ?? "") })
        let terraform = TerraformDocument(review: review).rendered()
        #expect(terraform.contains("Remove each from the NOT IN list once it is fixed"))
    }

    @Test func proposalsDetectTheNewFailuresWithANewIncidentInTime() throws {
        let week = try #require(Self.week)
        let review = try #require(week.result.alerts)
        // Every episode of the week in a proposal's scope (both tiers), counted once per proposal.
        let outcomes = review.proposed.flatMap(\.quality.outcomes)
        let detected = outcomes.filter { $0.verdict == .detected }.count
        #expect(!outcomes.isEmpty)
        #expect(10 * detected >= 9 * outcomes.count, "\(detected) of \(outcomes.count)")
        #expect(!outcomes.contains { $0.verdict == .masked })
        // The manifest's new critical failures: an episode of ours covers each, and a proposal
        // on its service detects it within 15 minutes of that episode's first failing window.
        let tuning = week.configuration.alertTuning
        for planted in week.manifest.episodes where planted.real && planted.tier == "critical" {
            let category = try #require(Category(rawValue: planted.category))
            guard week.configuration.categoryRules.policy(for: category).tier == .critical else { continue }
            let ours = review.episodes.filter {
                $0.service == planted.service && $0.category == category && $0.start < planted.endMs && $0.end > planted.startMs
                    && (planted.attributes["billerId"] == nil || $0.subject == planted.attributes["billerId"])
            }
            #expect(!ours.isEmpty, "\(planted.id) is no episode")
            for episode in ours {
                let target = Int64(tuning.detectionTargetSeconds(.critical)) * 1000
                let found = review.proposed.contains { row in
                    row.nrql.contains("'\(planted.service)'") && row.incidents.contains {
                        $0.incident.opened >= episode.start && $0.incident.opened <= episode.start + target
                    }
                }
                #expect(found, "\(episode) is not detected in time")
            }
        }
    }

    @Test func aConditionRedAllWeekMasksNewFailuresAndIsReplaced() throws {
        let review = try #require(Self.week?.result.alerts)
        let red = try #require(review.current.first { $0.name == "gateway endpoint failures" })
        // The chronic billers keep it red: B009's rotation and B014's move start under an
        // incident opened for something else.
        #expect(red.quality.redShare > 0.5, "\(red.quality.redShare)")
        #expect(red.quality.masked >= 2, "\(red.quality.outcomes.map { "\($0.verdict) \($0.episode)" })")
        #expect(red.quality.redWithoutCauseHoursPerWeek > 24)
        // Its episodes are detected by the proposals, so it goes.
        #expect(red.action == .remove, "\(red.rationale)")
        // What replaces it keeps every limit of alerts: in triage.yml.
        let tuning = try #require(Self.week).configuration.alertTuning
        for row in review.proposed {
            #expect(row.quality.redWithoutCauseHoursPerWeek <= tuning.maximumRedWithoutCauseHours, "\(row.name)")
            #expect((row.quality.incidentsPerEpisode ?? 0) <= tuning.maximumIncidentsPerEpisode, "\(row.name)")
            #expect(row.quality.masked == 0, "\(row.name)")
        }
        let critical = review.proposed.reduce(0) { $0 + $1.quality.pages }
        #expect(critical <= 40, "\(critical) critical incidents")
    }

    @Test func pagesPerTeamAgreeWithTheIncidents() throws {
        let week = try #require(Self.week)
        let review = try #require(week.result.alerts)
        let weeks = try #require(review.proposed.first).quality.weeks
        let load = TeamPages.load(of: review)
        #expect(!load.isEmpty)
        let incidents = IncidentsTable.table(for: review).rows
        for team in load {
            let currentRows = Set(review.current.filter { ($0.route ?? TeamPages.unrouted) == team.team && $0.enabled }.map(\.name))
            let before = incidents.filter { $0[1] == "current" && currentRows.contains($0[0]) && $0[2] == "critical" }.count
            #expect(abs(team.pagesBefore - Double(before) / weeks) < 0.01, "\(team.team) before")
            let afterRows = Set(TeamPages.after(review).filter { ($0.route ?? TeamPages.unrouted) == team.team }.map(\.name))
            let kept = Set(review.current.filter { $0.action == .keep }.map(\.name))
            let after = incidents.filter { incident in
                afterRows.contains(incident[0]) && incident[2] == "critical"
                    && (incident[1] == "proposed" || kept.contains(incident[0]))
            }.count
            #expect(abs(team.pagesAfter - Double(after) / weeks) < 0.01, "\(team.team) after")
            #expect(team.pagesAfter <= Double(week.configuration.alertTuning.maximumPagesPerTeam), "\(team.team)")
        }
        // Client Services is paged for its billers' new failures, no longer for the chronic ones.
        let clientServices = try #require(load.first { $0.team == "client-services" })
        #expect(clientServices.pagesAfter < clientServices.pagesBefore)
        #expect(clientServices.detectedAfter > clientServices.detectedBefore)
    }

    @Test func theReportPutsEachProposalBesideWhatItReplacesWithItsFigures() throws {
        let week = try #require(Self.week)
        let report = WeeklyReport(context: WeeklyReportContext(
            result: week.result, rules: week.configuration.categoryRules, slowThresholdMs: week.configuration.slowThresholdMs,
            alertTuning: week.configuration.alertTuning)).markdown()
        #expect(report.contains("### Alert quality"))
        #expect(report.contains("### Pages per team"))
        #expect(report.contains("### Failure episodes"))
        #expect(report.contains("### Chronic failures: tickets, not pages"))
        #expect(report.contains("open a ticket with biller `B004`"))
        let headline = report.components(separatedBy: "\n## ")[0]
        #expect(headline.contains("**Pages a week**") && headline.contains("client-services"))
        #expect(headline.contains("**Tickets:**") && headline.contains("`B004`"))
        // In the quality table each proposal follows the condition it replaces.
        let review = try #require(week.result.alerts)
        let quality = report.components(separatedBy: "### Alert quality")[1].components(separatedBy: "### ")[0]
        let names = quality.split(separator: "\n").dropFirst(3).filter { $0.hasPrefix("| ") }
            .map { $0.dropFirst(2).components(separatedBy: " | ")[0].trimmingCharacters(in: .whitespaces) }
        #expect(names == review.rows.map(\.name))
        for (index, row) in review.rows.enumerated() where row.replaces != nil {
            let owner = review.rows[..<index].last { $0.kind == .current }
            #expect(owner?.name == row.replaces, "\(row.name)")
        }
    }
}
