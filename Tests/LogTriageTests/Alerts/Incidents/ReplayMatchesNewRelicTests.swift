import Foundation
import Testing
@testable import LogTriageBasics
@testable import LogTriageIngest
@testable import LogTriageModel
@testable import LogTriageAnalysis
@testable import LogTriageAlerts
@testable import LogTriageReports
@testable import LogTriageSample
@testable import LogTriage
import LogTriageTestSupport

/// The replay against New Relic's own incidents on a generated week: the sample generator
/// writes the `NrAiIncident` events its model of New Relic's streaming alerts (written from
/// the documentation, apart from the replay) opens for conditions that use every setting it
/// knows, and the replay of the exported week must match every one of them: none only in
/// New Relic, none only in the replay, each opening and closing at the same millisecond.
///
/// The week is written without damage, so New Relic and the export hold the same records, and
/// the conditions read attributes every record carries under the name they use (the replay
/// reads aliases New Relic does not; the alias finding covers that apart).
@Suite("Alerts: the replay matches New Relic's incidents exactly", .serialized)
struct ReplayMatchesNewRelicTests {
    /// Every fill option, sliding and tumbling windows, the three aggregation methods with
    /// their delay or timer (a timer no shorter than the window, as New Relic advises),
    /// expiration opening and closing incidents, time limits, both occurrence modes, faceted
    /// signals, both terms, and thresholds above and below.
    static let conditionsYAML = """
        - name: gateway errors, defaults
          nrql: "SELECT count(*) FROM Log WHERE entity.name = 'rtd-gateway' AND level = 'ERROR'"
          window_s: 300
          critical: {operator: above, threshold: 2, duration_s: 300}
        - name: gateway errors, event timer, static fill
          nrql: "SELECT count(*) FROM Log WHERE entity.name = 'rtd-gateway' AND level = 'ERROR'"
          window_s: 300
          aggregation_method: event_timer
          aggregation_timer_s: 300
          fill_option: static
          fill_value: 0
          critical: {operator: above, threshold: 1, duration_s: 600}
        - name: gateway errors, cadence, last value
          nrql: "SELECT count(*) FROM Log WHERE entity.name = 'rtd-gateway' AND level = 'ERROR'"
          window_s: 60
          aggregation_method: cadence
          aggregation_delay_s: 60
          fill_option: last_value
          critical: {operator: above, threshold: 2, duration_s: 180}
          warning: {operator: above, threshold: 0, duration_s: 180, occurrences: at_least_once}
        - name: gateway failures, sliding
          nrql: "SELECT filter(count(*), WHERE level = 'ERROR') FROM Log WHERE entity.name = 'rtd-gateway'"
          window_s: 300
          slide_by_s: 60
          critical: {operator: above, threshold: 2, duration_s: 300}
        - name: gateway failures, sliding cadence, time limit
          nrql: "SELECT filter(count(*), WHERE level = 'ERROR') FROM Log WHERE entity.name = 'rtd-gateway'"
          window_s: 600
          slide_by_s: 300
          aggregation_method: cadence
          aggregation_delay_s: 30
          fill_option: static
          fill_value: 0
          violation_time_limit_s: 3600
          critical: {operator: above, threshold: 2, duration_s: 1200}
        - name: gateway latency, expiration closes
          nrql: "SELECT average(durationMs) FROM Log WHERE entity.name = 'rtd-gateway'"
          window_s: 300
          fill_option: last_value
          expiration_s: 900
          close_on_expiration: true
          critical: {operator: above, threshold: 1200, duration_s: 600}
        - name: export dead letters, loss of signal
          nrql: "SELECT count(*) FROM Log WHERE entity.name = 'export-consumer' AND message LIKE '%dead-letter%'"
          window_s: 300
          aggregation_method: event_timer
          aggregation_timer_s: 300
          expiration_s: 1800
          open_on_expiration: true
          close_on_expiration: true
          critical: {operator: above, threshold: 5, duration_s: 300, occurrences: at_least_once}
        - name: gateway errors per biller
          nrql: "SELECT count(*) FROM Log WHERE entity.name = 'rtd-gateway' AND level = 'ERROR' FACET billerId"
          window_s: 600
          aggregation_method: cadence
          aggregation_delay_s: 120
          fill_option: static
          fill_value: 0
          violation_time_limit_s: 1800
          critical: {operator: above, threshold: 3, duration_s: 600}
          warning: {operator: above, threshold: 1, duration_s: 600}
        - name: sync errors, warning only
          nrql: "SELECT count(*) FROM Log WHERE entity.name = 'sync-consumer' AND level = 'ERROR'"
          window_s: 900
          aggregation_delay_s: 60
          expiration_s: 3600
          open_on_expiration: true
          warning: {operator: above, threshold: 5, duration_s: 900}
        - name: gateway failure ratio per biller
          nrql: "SELECT percentage(count(*), WHERE outcome = 'failure') FROM Log WHERE entity.name = 'rtd-gateway' FACET billerId"
          window_s: 1800
          slide_by_s: 600
          aggregation_method: event_timer
          aggregation_timer_s: 1800
          critical: {operator: above, threshold: 50, duration_s: 1800}
        - name: autopay quiet
          nrql: "SELECT count(*) FROM Log WHERE entity.name = 'autopay-runner'"
          window_s: 300
          aggregation_method: cadence
          aggregation_delay_s: 60
          fill_option: static
          fill_value: 0
          expiration_s: 1200
          open_on_expiration: true
          violation_time_limit_s: 7200
          critical: {operator: below, threshold: 2, duration_s: 600}
        """

    /// The conditions, the analysis of the exported week, and New Relic's `closeCause` and
    /// `evaluationType` of every event.
    static let run: (conditions: [AlertCondition], result: AnalysisResult, events: [(cause: String?, type: String?)])? = {
        let directory = NSTemporaryDirectory() + "logtriage-replay-matches-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        guard let conditions = try? AlertConditionsFile.parse(yaml: conditionsYAML, path: "alerts.yml"),
              (try? SampleExportGenerator.write(to: directory, options: .init(seed: 11, scale: 0.5, includeDamage: false,
                                                                              alertConditions: conditions))) != nil,
              let result = try? Analysis(configuration: .defaults(), alertConditions: conditions)
                  .run(InputPlan(arguments: [directory + "/logs"])),
              let content = try? SampleTestSupport.content(of: directory + "/logs/incidents/nrai-incident-000.json.gz")
        else { return nil }
        let events = SampleTestSupport.completeLines(content.bytes).compactMap { SampleTestSupport.json($0) as? [String: Any] }
        return (conditions, result, events.map { ($0["closeCause"] as? String, $0["evaluationType"] as? String) })
    }()

    @Test func everyIncidentMatches() throws {
        let run = try #require(Self.run)
        let comparison = try #require(run.result.incidentComparison)
        let review = try #require(run.result.alerts)
        for row in review.current {
            #expect(row.refusal == nil, "\(row.name): \(row.refusal.map(String.init(describing:)) ?? "")")
            #expect(!row.countsRecordsNewRelicMisses, "\(row.name): \(row.rationale)")
        }
        let mismatched = comparison.rows.filter { $0.status != .matched }
        for row in mismatched.prefix(40) {
            Issue.record("""
                \(row.condition) \(row.priority.rawValue) '\(row.facet)' \(row.status.rawValue): \
                New Relic \(row.newRelic.map { Self.time($0.opened) + "–" + ($0.closed.map(Self.time) ?? "open") } ?? "none"), \
                replay \(row.replay.map { Self.time($0.opened) + "–" + ($0.openAtEnd ? "open" : Self.time($0.closed)) } ?? "none")
                """)
        }
        #expect(mismatched.isEmpty, "\(mismatched.count) of \(comparison.rows.count) incidents differ")
        for row in comparison.rows where row.status == .matched {
            let (theirs, ours) = (row.newRelic!, row.replay!)
            #expect(theirs.opened == ours.opened, "\(row.condition) '\(row.facet)' opened \(Self.time(theirs.opened))")
            #expect(theirs.closed == (ours.openAtEnd ? nil : ours.closed),
                    "\(row.condition) '\(row.facet)' opened \(Self.time(theirs.opened)) closed \(theirs.closed.map(Self.time) ?? "never")")
        }
        // Every condition took part, and every way an incident ends.
        for condition in run.conditions {
            #expect(comparison.counts[condition.name]?.matched ?? 0 > 0, "\(condition.name) opened no incident")
        }
        #expect(Set(run.events.compactMap(\.cause)) == ["EVALUATOR", "EXPIRED", "LOSS_OF_SIGNAL"])
        #expect(run.events.contains { $0.type == "Expiration" })
    }

    static func time(_ milliseconds: Int64) -> String { ISO8601Time.string(milliseconds: milliseconds) }
}
