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
import LogTriageTestSupport

/// The alert review on a generated week whose failure episodes are known (the generator's
/// manifest): the team's conditions backtested, and proposals that page on the real
/// episodes and not on the stale-invoice loop.
@Suite("Alerts: review and proposals on a generated week", .serialized)
struct AlertReviewTests {
    /// The conditions a team has today: raw error counts, a stale-blind failure ratio, a
    /// latency condition in the critical tier and an unrouted dead-letter condition.
    static let conditionsYAML = """
        - name: gateway errors
          nrql: "SELECT count(*) FROM Log WHERE entity.name = 'rtd-gateway' AND level = 'ERROR'"
          window_s: 300
          critical: {operator: above, threshold: 5, duration_s: 300}
          route: sre
        - name: pump errors
          nrql: "SELECT count(*) FROM Log WHERE entity.name = 'pump-worker' AND level = 'ERROR'"
          window_s: 300
          critical: {operator: above, threshold: 10, duration_s: 300}
          route: sre
        - name: pump failure ratio
          nrql: "SELECT percentage(count(*), WHERE outcome = 'failure') FROM Log WHERE entity.name = 'pump-worker' FACET billerId"
          window_s: 600
          critical: {operator: above, threshold: 40, duration_s: 600}
          warning: {operator: above, threshold: 20, duration_s: 600}
          route: integration
        - name: gateway latency
          nrql: "SELECT average(durationMs) FROM Log WHERE entity.name = 'rtd-gateway'"
          window_s: 300
          critical: {operator: above, threshold: 1200, duration_s: 600}
          route: sre
        """

    /// One generated week (seed 5, not the bundled sample's seed), analysed once.
    static let week: (manifest: SampleExportManifest, result: AnalysisResult, directory: String)? = {
        let directory = NSTemporaryDirectory() + "logtriage-alert-review-" + UUID().uuidString
        guard let manifest = try? SampleExportGenerator.write(to: directory, options: .init(seed: 5, scale: 1)),
              let conditions = try? AlertConditionsFile.parse(yaml: conditionsYAML, path: "alerts.yml"),
              let configuration = try? TriageConfiguration.load(path: sampleConfiguration)
        else { return nil }
        let analysis = Analysis(configuration: configuration, alertConditions: conditions)
        guard let result = try? analysis.run(InputPlan(arguments: [directory + "/logs"])) else { return nil }
        return (manifest, result, directory)
    }()

    static let sampleConfiguration = SampleTestSupport.sampleConfiguration

    @Test func proposalsPageOnTheRealEpisodesAndNotOnTheStaleLoop() throws {
        let week = try #require(Self.week)
        let review = try #require(week.result.alerts)
        #expect(!review.proposed.isEmpty)
        for row in review.proposed {
            #expect(row.figures.noiseIncidents == 0, "\(row.name): \(row.rationale)")
            #expect(!row.incidents.contains { $0.topCategory == WindowJudgement.staleLabel }, "\(row.name)")
            #expect(row.mainTerm?.durationSeconds ?? 0 >= row.windowSeconds)
            #expect((row.mainTerm?.durationSeconds ?? 0) % row.windowSeconds == 0)
        }
        // Every real episode of a tier opens a new incident on a proposal for its service within
        // its category's target (15 minutes critical, 60 warning), but for the chronic ones
        // (B003's slowness all week): tickets, not pages.
        let configuration = try TriageConfiguration.load(path: Self.sampleConfiguration)
        for episode in week.manifest.episodes where episode.real && ["critical", "warning"].contains(episode.tier) {
            if review.chronic.contains(where: { $0.billerId == episode.attributes["billerId"] && $0.service == episode.service }) {
                continue
            }
            let category = try #require(Category(rawValue: episode.category))
            let target = Int64(configuration.alertTuning.detectionTargetSeconds(configuration.categoryRules.policy(for: category).tier)) * 1000
            let detected = review.proposed.contains { row in
                row.nrql.contains("'\(episode.service)'") && row.incidents.contains {
                    $0.incident.opened >= episode.startMs && $0.incident.opened <= episode.startMs + target
                }
            }
            #expect(detected, "\(episode.id) opens no new incident within its target on any proposal")
        }
    }

    @Test func theStaleBlindRatioIsNoiseAndIsReplaced() throws {
        let review = try #require(Self.week?.result.alerts)
        let ratio = try #require(review.current.first { $0.name == "pump failure ratio" })
        #expect(ratio.figures.incidents > 0)
        #expect(2 * ratio.figures.noiseIncidents > ratio.figures.incidents)
        let staleOpened = ratio.incidents.filter { $0.topCategory == WindowJudgement.staleLabel }.count
        #expect(2 * staleOpened > ratio.figures.incidents)
        #expect(ratio.action == .remove || ratio.action == .change || ratio.action == .split)
        // What replaces the pump's conditions leaves stale failures out in NRQL.
        let pump = review.proposed.filter { $0.nrql.contains("'pump-worker'") }
        #expect(!pump.isEmpty)
        for row in pump { #expect(row.nrql.contains("staleInvoice IS NULL"), "\(row.nrql)") }
    }

    /// B003's slowness goes on all week: chronic, so a latency condition paging on it pages on
    /// noise and goes. With chronic failures not looked for (no share is enough), it pages on
    /// slow calls, a warning-tier category, and moves to the warning tier.
    @Test func latencyInTheCriticalTierMovesToWarning() throws {
        let week = try #require(Self.week)
        let chronic = try #require(week.result.alerts?.current.first { $0.name == "gateway latency" })
        #expect(chronic.action == .remove, "\(chronic.rationale)")
        #expect(chronic.incidents.contains { $0.topCategory == WindowJudgement.chronicLabel })
        var configuration = try TriageConfiguration.load(path: Self.sampleConfiguration)
        configuration.alertTuning.chronicMinimumFailureShare = 1
        let conditions = try AlertConditionsFile.parse(yaml: Self.conditionsYAML, path: "alerts.yml")
        let review = try #require(try Analysis(configuration: configuration, alertConditions: conditions)
            .run(InputPlan(arguments: [week.directory + "/logs"])).alerts)
        #expect(review.chronic.isEmpty)
        let latency = try #require(review.current.first { $0.name == "gateway latency" })
        #expect(latency.action == .change)
        let moved = try #require(review.proposed.first { $0.replaces == "gateway latency" })
        #expect(moved.tier == "warning")
        #expect(moved.critical == nil && moved.warning == latency.critical)
        #expect(moved.figures.incidents == latency.figures.incidents)
    }

    @Test func coverageGapsGetNewConditions() throws {
        let review = try #require(Self.week?.result.alerts)
        // No condition counts the sync consumer's deserialization failures.
        #expect(review.coverageGaps.contains { $0.service == "sync-consumer" && $0.category == .deserialization })
        let added = try #require(review.proposed.first { $0.action == .add && $0.nrql.contains("'sync-consumer'") })
        #expect(added.tier == "critical")
        #expect(added.route == "sync")
        #expect(added.nrql.contains("InvalidTypeIdException"))
    }

    @Test func aliasesNewRelicWouldNotReadAreAFinding() throws {
        let review = try #require(Self.week?.result.alerts)
        let pump = try #require(review.current.first { $0.name == "pump errors" })
        // Some pump records carry their level only as `log.level`: New Relic's `level` misses them.
        #expect(pump.rationale.contains("carry 'level' only as 'log.level'"), "\(pump.rationale)")
    }

    /// The signal cube against the records: each proposal that New Relic could run as it is
    /// (no stand-in attribute) is replayed as a current condition over the same files, and
    /// must open exactly the incidents its backtest reported.
    @Test func proposalBacktestsEqualReplayingTheirNRQL() throws {
        let week = try #require(Self.week)
        let review = try #require(week.result.alerts)
        // Tier changes keep a current condition's query, settings and replay: not the cube's.
        let currentQueries = Set(review.current.map(\.nrql))
        let replayable = review.proposed.filter {
            !$0.nrql.contains(SignalCube.staleAttribute) && !currentQueries.contains($0.nrql)
        }
        #expect(!replayable.isEmpty)
        let conditions = try replayable.enumerated().map { index, row in
            var condition = ProposalTuner.replayed(query: try NRQLQuery.parse(row.nrql, condition: row.name),
                                                   windowSeconds: row.windowSeconds, slideBySeconds: row.slideBySeconds,
                                                   threshold: row.mainTerm!)
            condition.name = "replay \(index)"
            return condition
        }
        let configuration = try TriageConfiguration.load(path: Self.sampleConfiguration)
        let replay = try Analysis(configuration: configuration, alertConditions: conditions)
            .run(InputPlan(arguments: [week.directory + "/logs"]))
        let replayed = try #require(replay.alerts)
        for (index, row) in replayable.enumerated() {
            let current = try #require(replayed.current.first { $0.name == "replay \(index)" })
            #expect(current.incidents.map(\.incident) == row.incidents.map(\.incident), "\(row.name): \(row.nrql)")
            #expect(current.incidents.map(\.noise) == row.incidents.map(\.noise), "\(row.name)")
        }
    }

    @Test func tablesAgreeWithTheReview() throws {
        let review = try #require(Self.week?.result.alerts)
        let alerts = AlertsTable.table(for: review)
        let incidents = IncidentsTable.table(for: review)
        #expect(alerts.header == ["condition", "kind", "action", "tier", "route", "nrql", "window_s", "operator",
                                  "threshold", "duration_s", "incidents", "noise_incidents", "incident_minutes",
                                  "flapping_incidents", "rationale"])
        #expect(incidents.header == ["condition", "kind", "priority", "facet", "opened", "closed", "peak", "noise",
                                     "top_category"])
        #expect(alerts.rows.count == review.current.count + review.proposed.count)
        for row in alerts.rows {
            let listed = incidents.rows.filter { $0[0] == row[0] && $0[1] == row[1] }.count
            #expect(String(listed) == row[10], "\(row[0]) \(row[1])")
            #expect(["current", "proposed"].contains(row[1]))
            #expect(["keep", "change", "split", "remove", "add"].contains(row[2]))
            #expect(ThresholdOperator(rawValue: row[7]) != nil)
        }
        // summary.json carries the totals.
        let week = try #require(Self.week)
        let summary = try #require(try JSONSerialization.jsonObject(
            with: Data(SummaryDocument(result: week.result).json().rendered().utf8)) as? [String: Any])
        let totals = try #require(summary["alertReview"] as? [String: Any])
        let current = try #require(totals["current"] as? [String: Any])
        #expect(current["incidents"] as? Int == review.current.reduce(0) { $0 + $1.figures.incidents })
        #expect((totals["proposed"] as? [String: Any])?["noiseIncidents"] as? Int == 0)
        #expect((totals["coverageGaps"] as? [Any])?.count == review.coverageGaps.count)
    }
}
