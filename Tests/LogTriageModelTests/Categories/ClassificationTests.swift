import Foundation
import Testing
import LogTriageModel

/// The category names are an output contract (reports, CSV columns, triage.yml), and a
/// classification without evidence is unclassified, never a guess.
@Suite struct ClassificationTests {
    @Test func categoryAndTierNamesAreTheContractSpelling() {
        #expect(Category.allCases.map(\.rawValue) == [
            "transient", "endpoint_auth", "endpoint_moved", "deserialization", "validation", "rate_limited",
            "resource", "slow", "other",
        ])
        #expect(Tier.allCases.map(\.description) == ["critical", "warning"])
    }

    @Test func otherWithoutAReasonIsUnclassified() {
        let guessed = Classification(category: .other, rule: nil, team: "t", tier: .warning, retryable: nil,
                                     runbook: nil, actionable: false)
        #expect(guessed.isUnclassified)
        #expect(guessed.reasonText == Classification.unclassifiedReason)

        var cancelled = guessed
        cancelled.rule = "client-cancelled"
        cancelled.reason = "client-cancelled: words caller went away"
        #expect(!cancelled.isUnclassified)
        #expect(cancelled.reasonText == "client-cancelled: words caller went away")

        let decided = Classification(category: .transient, rule: nil, team: "t", tier: .warning, retryable: true,
                                     runbook: nil, actionable: true)
        #expect(!decided.isUnclassified, "only category other can be unclassified")
    }

    /// Partials keep classifications as JSON: every field comes back, the reason included.
    @Test func aClassificationReadsBackFromJSON() throws {
        let classification = Classification(category: .endpointAuth, rule: "endpoint-auth", team: "billers",
                                            tier: .critical, retryable: false, runbook: "https://runbooks/auth",
                                            actionable: true, reason: "endpoint-auth: status 401")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(classification)
        #expect(String(decoding: data, as: UTF8.self).contains(#""category":"endpoint_auth""#))
        #expect(try JSONDecoder().decode(Classification.self, from: data) == classification)
    }
}
