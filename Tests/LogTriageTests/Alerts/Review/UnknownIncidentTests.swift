import Foundation
import Testing
@testable import LogTriageIngest
@testable import LogTriageAnalysis
@testable import LogTriageAlerts
@testable import LogTriageReports
@testable import LogTriageSample
@testable import LogTriage
@testable import LogTriageModel

/// Incidents on errors no rule knows are unknown, never noise, and the review never proposes
/// removing a condition for them: run the generated week with no rules at all, so every error
/// is unclassified, as a team's first run on logs the built-in rules do not know would be.
@Suite("Alerts: unknown incidents on unclassified errors", .serialized)
struct UnknownIncidentTests {
    static let week: AnalysisResult? = {
        let directory = NSTemporaryDirectory() + "logtriage-unknown-incidents-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        guard (try? SampleExportGenerator.write(to: directory, options: .init(seed: 5, scale: 1))) != nil,
              let conditions = try? AlertConditionsFile.parse(yaml: AlertReviewTests.conditionsYAML, path: "alerts.yml"),
              var configuration = try? TriageConfiguration.load(path: AlertReviewTests.sampleConfiguration)
        else { return nil }
        configuration.builtInRules = []
        configuration.userRules = []
        return try? Analysis(configuration: configuration, alertConditions: conditions)
            .run(InputPlan(arguments: [directory + "/logs"]))
    }()

    @Test func incidentsOnUnclassifiedErrorsAreUnknownAndNoConditionIsRemoved() throws {
        let result = try #require(Self.week)
        // Without rules only evidence beyond messages (a biller whose every call failed) and
        // latency still classify: most errors are unclassified.
        #expect(result.clustering.unclassifiedShare > 0.8)
        #expect(result.clustering.clusters.filter { !$0.classification.isUnclassified && $0.classification.category != .slow }
            .allSatisfy { $0.classification.rule == "endpoint-evidence" })
        let review = try #require(result.alerts)
        // The error-count conditions that fired this week.
        let fired = review.current.filter { ($0.name == "gateway errors" || $0.name == "pump errors") && $0.figures.incidents > 0 }
        #expect(!fired.isEmpty)
        for row in fired {
            #expect(row.incidents.contains { $0.unknown }, "\(row.name)")
            #expect(row.incidents.filter(\.unknown).allSatisfy { !$0.noise }, "\(row.name)")
            #expect(row.rationale.contains("unknown (mostly unclassified errors)"), "\(row.name): \(row.rationale)")
        }
        for row in review.current where row.incidents.contains(where: { $0.unknown }) {
            #expect(row.action != .remove, "\(row.name): \(row.rationale)")
        }
    }
}
