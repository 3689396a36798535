import Foundation
import Testing
@testable import LogTriageAlerts
@testable import LogTriageModel

/// A biller that starts failing during the export and still fails a day after its page, to
/// the export's end, pages once and then becomes a ticket: the proposal leaves it out from
/// then on, so its incident closes instead of paging again every day and keeping the
/// condition red; a biller whose long failure ends within the export, and a short one, are
/// left as they are.
@Suite("Alerts: a biller failing for days becomes a ticket after its page")
struct TicketedFailureTests {
    static let gateway = "rtd-gateway"
    /// Fails from Monday 18:00 to the end of the export (Thursday 00:00).
    static let lasting = FacetBySubjectTests.at(day: 0, hour: 18)..<FacetBySubjectTests.at(day: 3, hour: 0)
    /// Fails thirty hours, ending Wednesday 02:00.
    static let ending = FacetBySubjectTests.at(day: 0, hour: 20)..<FacetBySubjectTests.at(day: 2, hour: 2)
    /// Fails two hours on Tuesday.
    static let brief = FacetBySubjectTests.at(day: 1, hour: 10)..<FacetBySubjectTests.at(day: 1, hour: 12)

    static let review = try? FacetBySubjectTests.review(
        FacetBySubjectTests.export(service: gateway, attribute: "billerId", values: ["B1", "B2", "B3", "B4"], every: 2) { biller, time in
            let broken: Range<Int64>? = switch biller {
            case "B2": lasting
            case "B3": ending
            case "B4": brief
            default: nil
            }
            return broken?.contains(time) == true
                ? ("org.springframework.web.client.HttpClientErrorException$Unauthorized", "401 Unauthorized: invalid API key") : nil
        })

    static func proposal() throws -> ConditionReview {
        let review = try #require(review)
        let rows = review.proposed.filter { $0.nrql.contains("'\(gateway)'") && $0.nrql.contains("FACET billerId") }
        #expect(rows.count == 1, "\(review.proposed.map(\.nrql))")
        return try #require(rows.first)
    }

    @Test func theLastingFailurePagesOnceAndIsLeftOutFromADayAfter() throws {
        let row = try Self.proposal()
        let limit = Int64(ProposalSettings.violationTimeLimitSeconds) * 1000
        #expect(row.nrql.contains("NOT (billerId = 'B2' AND timestamp >= "), "\(row.nrql)")
        let outcome = try #require(row.quality.outcomes.first { $0.episode.subject == "B2" })
        #expect(outcome.verdict == .detected, "\(outcome)")
        let incidents = row.incidents.filter { $0.facet == "B2" }
        #expect(incidents.count == 1, "\(incidents.map(\.incident))")
        let incident = try #require(incidents.first)
        #expect(incident.incident.opened >= Self.lasting.lowerBound)
        #expect(incident.incident.closed - incident.incident.opened <= limit)
        #expect(row.rationale.contains("a ticket with biller B2"), "\(row.rationale)")
        // The exclusion starts after the page, so the replay still judges it.
        let since = try #require(row.nrql.split(separator: "timestamp >= ").dropFirst().first?.prefix { $0.isNumber })
        let start = try #require(Int64(since))
        #expect(start > incident.incident.opened && start <= incident.incident.opened + limit)
    }

    @Test func failuresThatEndOrAreBriefAreNotTickets() throws {
        let row = try Self.proposal()
        for biller in ["B3", "B4"] {
            #expect(!row.nrql.contains("billerId = '\(biller)' AND timestamp"), "\(row.nrql)")
            let outcome = try #require(row.quality.outcomes.first { $0.episode.subject == biller })
            #expect(outcome.verdict == .detected, "\(outcome)")
        }
        #expect(!row.nrql.contains("'B1'"))
    }
}
