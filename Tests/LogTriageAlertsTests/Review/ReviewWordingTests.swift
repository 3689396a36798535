import Testing
@testable import LogTriageAlerts
@testable import LogTriageModel

/// The words made from the review's values when a report asks for a rationale: each finding,
/// each decision, and a row's notes joined in their order.
@Suite("Alerts: the review's findings and decisions in words")
struct ReviewWordingTests {
    @Test(arguments: [
        (ReviewFinding.noisy(noiseIncidents: 3, incidents: 4), "3 of 4 incidents were noise"),
        (.flapping(incidents: 2), "2 incidents flapped (under 5 minutes)"),
        (.pagesCriticalForWarningTier(.validation), "it pages critical for validation, a warning-tier category"),
        (.misrouted(route: "sre", category: .endpointAuth, owner: "client-services"),
         "it routes to sre, but endpoint_auth failures belong to client-services"),
        (.unrouted, "it routes to nobody"),
        (.missesEpisodes(detected: 1, episodes: 4, masked: 0), "it detects 1 of 4 failure episodes in time"),
        (.missesEpisodes(detected: 1, episodes: 4, masked: 2),
         "it detects 1 of 4 failure episodes in time (2 masked by an incident already open)"),
        (.redWithoutCause(minutes: 786), "it is red 13.1 h without a failure of its own"),
    ])
    func eachFindingInWords(finding: ReviewFinding, words: String) {
        #expect(finding.description == words)
    }

    @Test func eachDecisionInWords() {
        let findings: [ReviewFinding] = [.noisy(noiseIncidents: 3, incidents: 4), .unrouted]
        #expect(ReviewWording.decision(.remove, findings: findings)
            == ["remove: 3 of 4 incidents were noise, it routes to nobody, and the failures it counts are covered by the proposals"])
        #expect(ReviewWording.decision(.moveToWarningTier, findings: [.pagesCriticalForWarningTier(.validation)])
            == ["change: it pages critical for validation, a warning-tier category"])
        #expect(ReviewWording.decision(.replace(proposals: 1), findings: [.unrouted]) == ["change: it routes to nobody"])
        #expect(ReviewWording.decision(.replace(proposals: 3), findings: [.unrouted]) == ["split: it routes to nobody"])
        // A sound condition kept where it is says nothing more.
        #expect(ReviewWording.decision(.keep(moveTo: nil), findings: []) == [])
        #expect(ReviewWording.decision(.keep(moveTo: "payments"), findings: [.flapping(incidents: 1)]) == [
            "keep, though 1 incidents flapped (under 5 minutes)",
            "move it to payments's policy (alerts.tf moves it, it does not copy it)",
        ])
    }

    @Test func aRationaleJoinsItsNotesInOrder() {
        let notes: [ReviewNote] = [
            .incidents(total: 1, noise: 0), .unknownIncidents(1), .noRoute, .covers(proposal: "pump errors (critical)"),
            .decision(.keep(moveTo: nil), findings: []),
            .proposalNotWritten(name: "pump errors (warning)",
                                problems: [.durationNotMultipleOfWindow(.warning, seconds: 900, windowSeconds: 600), .nameTooLong]),
        ]
        #expect(ReviewWording.rationale(notes) == "1 incident, 0 noise; 1 unknown (mostly unclassified errors); "
            + "no route: nobody in particular is paged; covers what 'pump errors (critical)' would; "
            + "proposal 'pump errors (warning)' not written: New Relic would reject it (its warning duration (900 s) "
            + "is not a multiple of the window (600 s), its name is longer than 128 characters)")
        #expect(ReviewWording.rationale([.coverageGap, .incidents(total: 2, noise: 1), .timeLimit(seconds: 86_400)])
            == "coverage gap: no current condition counted these failures; 2 incidents, 1 noise; "
            + "incidents force-close after 24 h (violation_time_limit_seconds), so a failure still going pages again")
    }

    @Test func aRowsFindingsAreThoseOfItsDecision() {
        var row = ConditionReview(name: "c", kind: .current, action: .keep, tier: "critical", nrql: "SELECT count(*) FROM Log",
                                  windowSeconds: 300, fillsZero: false, figures: BacktestFigures(), incidents: [],
                                  caught: [], missed: [], notes: [.incidents(total: 0, noise: 0)])
        #expect(row.findings.isEmpty)
        #expect(!row.countsRecordsNewRelicMisses)
        row.notes.append(.aliasMisses(records: 3, carriers: [AliasCarrier(attribute: "level", carriedAs: "log.level"): 2,
                                                             AliasCarrier(attribute: "level", carriedAs: "level"): 1]))
        row.notes.append(.decision(.replace(proposals: 2), findings: [.unrouted]))
        #expect(row.findings == [.unrouted])
        #expect(row.countsRecordsNewRelicMisses)
        #expect(row.rationale == "0 incidents, 0 noise; New Relic would miss 3 records counted here, reading attributes "
            + "as written: 2 carry 'level' only as 'log.level', 1 have 'level' in another case; split: it routes to nobody")
    }
}
