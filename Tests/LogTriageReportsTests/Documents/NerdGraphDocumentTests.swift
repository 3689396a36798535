import Foundation
import Testing
@testable import LogTriageAlerts
@testable import LogTriageReports
import LogTriageModel

@Suite("Reports: alerts-nerdgraph.json, alerts.tf providers and the limits proposals respect")
struct NerdGraphDocumentTests {
    static func review() -> AlertReview {
        let term = AlertThreshold(operator: .aboveOrEquals, value: 2.5, durationSeconds: 600)
        let ok = TerraformDocumentTests.row("sync: \"failures\"", critical: term, warning: nil, fillsZero: true)
        var warning = TerraformDocumentTests.row("sync ratio", critical: nil,
                                                 warning: AlertThreshold(operator: .above, value: 20, durationSeconds: 900,
                                                                         occurrences: .atLeastOnce), fillsZero: false)
        warning.replaces = "old ratio"
        var rejected = TerraformDocumentTests.row("too short", critical: AlertThreshold(operator: .above, value: 1,
                                                                                         durationSeconds: 450),
                                                  warning: nil, fillsZero: true)
        rejected.windowSeconds = 300
        return AlertReview(current: [], proposed: [ok, warning, rejected], episodes: [], coverageGaps: [])
    }

    @Test("each accepted proposal is the variables of alertsNrqlConditionStaticCreate, as valid JSON")
    func variablesOfTheMutation() throws {
        let text = NerdGraphDocument(review: Self.review()).rendered()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((json["mutation"] as? String)?.contains("alertsNrqlConditionStaticCreate(accountId: $accountId, policyId: $policyId") == true)
        let conditions = try #require(json["conditions"] as? [[String: Any]])
        #expect(conditions.count == 2)
        // In their team's policy (route: sync), which the document creates first.
        #expect(conditions.allSatisfy { $0["policyId"] as? String == "${POLICY_ID_SYNC}" && $0["team"] as? String == "sync" })
        let policies = try #require(json["policies"] as? [[String: Any]])
        #expect(policies.map { $0["team"] as? String } == ["sync"])
        let workflows = try #require(json["workflows"] as? [[String: Any]])
        #expect(workflows.map { $0["tier"] as? String } == ["critical", "warning"])
        #expect((json["channels"] as? [[String: Any]])?.allSatisfy {
            (($0["channel"] as? [String: Any])?["destinationId"] as? String)?.hasPrefix("${DESTINATION_ID_SYNC_") == true
        } == true)
        let first = try #require(conditions[0]["condition"] as? [String: Any])
        #expect(first["name"] as? String == "sync: \"failures\"")
        let signal = try #require(first["signal"] as? [String: Any])
        #expect(signal["fillOption"] as? String == "STATIC" && signal["aggregationMethod"] as? String == "EVENT_TIMER")
        let terms = try #require(first["terms"] as? [[String: Any]])
        #expect(terms.first?["operator"] as? String == "ABOVE_OR_EQUALS")
        #expect(terms.first?["thresholdDuration"] as? Int == 600)
        let second = try #require(conditions[1]["condition"] as? [String: Any])
        let warning = try #require((second["terms"] as? [[String: Any]])?.first)
        #expect(warning["priority"] as? String == "WARNING" && warning["thresholdOccurrences"] as? String == "AT_LEAST_ONCE")
        #expect((second["signal"] as? [String: Any])?["fillOption"] as? String == "NONE")
        #expect((second["description"] as? String)?.contains("replaces old ratio") == true)
        // Read back as NerdGraph conditions, the document gives the proposals' settings.
        let read = try AlertConditionsLoader.parse(text, path: "alerts-nerdgraph.json")
        #expect(read.map(\.name) == ["sync: \"failures\"", "sync ratio"])
        #expect(read[0].critical == AlertThreshold(operator: .aboveOrEquals, value: 2.5, durationSeconds: 600))
        #expect(read[0].fill == .static(0) && read[0].aggregationMethod == .eventTimer)
        #expect(read[1].violationTimeLimitSeconds == ProposalSettings.violationTimeLimitSeconds)
    }

    @Test("a proposal New Relic would reject is never written")
    func rejectedProposalsAreNotWritten() {
        let review = Self.review()
        #expect(ProposalLimits.problems(review.proposed[2]).contains {
            if case .durationNotMultipleOfWindow = $0 { true } else { false }
        })
        #expect(ProposalLimits.problems(review.proposed[2]).map(\.description).contains { $0.contains("not a multiple of the window") })
        #expect(ProposalLimits.problems(review.proposed[0]).isEmpty)
        var tiny = review.proposed[0]
        tiny.windowSeconds = 20
        #expect(ProposalLimits.problems(tiny).contains(.window(seconds: 20)))
        var long = review.proposed[0]
        long.critical = AlertThreshold(operator: .above, value: 1, durationSeconds: 90_000)
        #expect(ProposalLimits.problems(long).contains(.durationOutOfRange(.critical, seconds: 90_000)))
        #expect(ProposalLimits.problems(long).map(\.description).contains { $0.contains("outside 60–86,400 s") })
        #expect(!NerdGraphDocument(review: review).rendered().contains("too short"))
        #expect(!TerraformDocument(review: review).rendered().contains("too short"))
    }

    @Test("alerts.tf declares its provider so terraform init needs nothing else")
    func requiredProviders() {
        let text = TerraformDocument(review: Self.review()).rendered()
        #expect(text.contains("required_providers {\n    newrelic = {\n      source = \"newrelic/newrelic\""))
    }
}
