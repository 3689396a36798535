import Foundation
import Testing
@testable import LogTriageIngest
@testable import LogTriageAnalysis
@testable import LogTriageAlerts
@testable import LogTriageReports
@testable import LogTriage
@testable import LogTriageBasics
@testable import LogTriageModel
import LogTriageTestSupport

/// Failures that belong to one queue or one endpoint are counted per queue or endpoint, so a
/// new one opens its own incident while another is still open; an attribute with more values
/// than New Relic's facet limit is never faceted by, and the proposal says so.
@Suite("Alerts: proposals facet by queue and by endpoint")
struct FacetBySubjectTests {
    /// 2026-11-09 00:00Z, in epoch ms.
    static let start: Int64 = 1_794_182_400_000
    static let minute: Int64 = 60_000
    static func at(day: Int64, hour: Int64) -> Int64 { start + (day * 24 + hour) * 60 * minute }

    /// One JSON line.
    static func line(_ fields: [String: Any]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Three days of a service's calls, one every `every` minutes per subject value, each
    /// failing when `failing(value, time)` gives an exception class.
    static func export(service: String, attribute: String, values: [String], every: Int64,
                       failing: (String, Int64) -> (errorClass: String, message: String)?) -> [UInt8] {
        var text = ""
        var time = start
        var sequence = 0
        while time < at(day: 3, hour: 0) {
            for (position, value) in values.enumerated() {
                let moment = time + Int64(position) * 7_000
                sequence += 1
                var fields: [String: Any] = ["timestamp": moment, "entity.name": service, attribute: value,
                                             "messageId": "m\(sequence)"]
                if let failure = failing(value, moment) {
                    fields["level"] = "ERROR"
                    fields["error.class"] = failure.errorClass
                    fields["error.message"] = failure.message
                    fields["outcome"] = "failure"
                    fields["message"] = "Call \(sequence) to \(value) failed: \(failure.message)"
                } else {
                    fields["level"] = "INFO"
                    fields["outcome"] = "success"
                    fields["message"] = "Call \(sequence) to \(value) completed"
                }
                text += line(fields)
            }
            time += every * minute
        }
        return Array(text.utf8)
    }

    /// The alert review of `bytes` with the default configuration, `adjust`ed.
    static func review(_ bytes: [UInt8], adjust: (inout AlertTuning) -> Void = { _ in }) throws -> AlertReview {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let path = try fixtures.gzip("logs.json.gz", members: [bytes])
        var configuration = try TriageConfiguration.defaults()
        adjust(&configuration.alertTuning)
        let result = try Analysis(configuration: configuration, alertConditions: []).run(InputPlan(arguments: [path]))
        return try #require(result.alerts)
    }

    /// A consumer reading two queues: a release breaks the payments queue's messages for two
    /// days; meanwhile a producer sends the refunds queue bad messages for two hours. Counted
    /// per queue, the refunds failure opens its own incident instead of hiding under the
    /// payments one.
    @Test func aPoisonedQueueIsItsOwnSignal() throws {
        let paymentsBroken = Self.at(day: 0, hour: 12)..<Self.at(day: 2, hour: 12)
        let refundsBroken = Self.at(day: 1, hour: 14)..<Self.at(day: 1, hour: 16)
        let review = try Self.review(Self.export(service: "ledger-consumer", attribute: "queue",
                                                 values: ["ledger.payments", "ledger.refunds"], every: 2) { queue, time in
            let broken = queue == "ledger.payments" ? paymentsBroken : refundsBroken
            return broken.contains(time)
                ? ("com.fasterxml.jackson.databind.exc.InvalidTypeIdException", "Could not resolve type id 'payment.v3'") : nil
        })
        let proposal = try #require(review.proposed.first { $0.nrql.contains("'ledger-consumer'") && $0.tier == "critical" },
                                    "\(review.proposed.map(\.nrql))")
        #expect(proposal.nrql.hasSuffix("FACET queue"), "\(proposal.nrql)")
        #expect(proposal.name.contains("per queue"), "\(proposal.name)")
        // Both failures are episodes of their own queue, and both are detected in time.
        let refunds = try #require(review.episodes.first { $0.subject == "ledger.refunds" }, "\(review.episodes)")
        #expect(refunds.subjectAttribute == "queue" && refunds.category == .deserialization)
        #expect(review.episodes.contains { $0.subject == "ledger.payments" })
        let outcome = try #require(proposal.quality.outcomes.first { $0.episode == refunds })
        #expect(outcome.verdict == .detected, "\(proposal.quality.outcomes)")
        #expect(proposal.quality.masked == 0)
        let opened = try #require(proposal.incidents.first { $0.facet == "ledger.refunds" }).incident.opened
        #expect(opened >= refundsBroken.lowerBound && opened <= refundsBroken.lowerBound + 15 * Self.minute)
        // Without the facet the same failures would be one signal: the payments incident,
        // open since the day before, masks the refunds failure.
        let withoutFacet = try Self.review(Self.export(
            service: "ledger-consumer", attribute: "queue", values: ["ledger.payments", "ledger.refunds"], every: 2) { queue, time in
            let broken = queue == "ledger.payments" ? paymentsBroken : refundsBroken
            return broken.contains(time)
                ? ("com.fasterxml.jackson.databind.exc.InvalidTypeIdException", "Could not resolve type id 'payment.v3'") : nil
        }) { $0.subjectAttributes = [:] }
        let single = try #require(withoutFacet.proposed.first { $0.nrql.contains("'ledger-consumer'") && $0.tier == "critical" })
        #expect(!single.nrql.contains("FACET"), "\(single.nrql)")
        #expect(!single.incidents.contains {
            $0.incident.opened >= refundsBroken.lowerBound && $0.incident.opened <= refundsBroken.lowerBound + 15 * Self.minute
        })
    }

    /// A card gateway calling three networks, named by `server.address` and no biller: one
    /// network's certificate expires for a day and a half, and while it is still failing
    /// another network's host stops resolving. Each endpoint is its own signal.
    @Test func aFailingEndpointIsItsOwnSignal() throws {
        let certificate = Self.at(day: 0, hour: 20)..<Self.at(day: 2, hour: 8)
        let moved = Self.at(day: 1, hour: 9)..<Self.at(day: 1, hour: 12)
        let review = try Self.review(Self.export(service: "card-gateway", attribute: "server.address",
                                                 values: ["api.visa.example", "api.mc.example", "api.amex.example"],
                                                 every: 3) { endpoint, time in
            if endpoint == "api.visa.example", certificate.contains(time) {
                return ("javax.net.ssl.SSLHandshakeException", "PKIX path validation failed: certificate expired")
            }
            if endpoint == "api.mc.example", moved.contains(time) { return ("java.net.UnknownHostException", endpoint) }
            return nil
        })
        let proposal = try #require(review.proposed.first { $0.nrql.contains("'card-gateway'") && $0.tier == "critical" },
                                    "\(review.proposed.map(\.nrql))")
        #expect(proposal.nrql.hasSuffix("FACET server.address"), "\(proposal.nrql)")
        let mc = try #require(review.episodes.first { $0.subject == "api.mc.example" }, "\(review.episodes)")
        #expect(mc.subjectAttribute == "server.address")
        #expect(proposal.quality.outcomes.first { $0.episode == mc }?.verdict == .detected, "\(proposal.quality.outcomes)")
        #expect(proposal.quality.masked == 0)
        // alerts.tf names the facet as the proposal does.
        let terraform = TerraformDocument(review: review).rendered()
        #expect(terraform.contains("FACET server.address"))
    }

    /// Every call names its own URL: more values than New Relic's facet limit, so the
    /// proposal counts the endpoint's failures together and says why.
    @Test func anAttributeOverTheFacetLimitIsNeverFacetedBy() throws {
        let certificate = Self.at(day: 1, hour: 6)..<Self.at(day: 1, hour: 9)
        var text = ""
        var time = Self.start
        var call = 0
        while time < Self.at(day: 3, hour: 0) {
            call += 1
            var fields: [String: Any] = ["timestamp": time, "entity.name": "statement-fetcher",
                                         "http.url": "https://statements.example/accounts/\(call)/latest"]
            if certificate.contains(time) {
                fields["level"] = "ERROR"
                fields["error.class"] = "javax.net.ssl.SSLHandshakeException"
                fields["message"] = "Fetch \(call) failed: PKIX path validation failed: certificate expired"
            } else {
                fields["level"] = "INFO"
                fields["message"] = "Fetch \(call) completed"
            }
            text += Self.line(fields)
            time += 40_000
        }
        #expect(call > 5_001)
        let review = try Self.review(Array(text.utf8))
        let proposal = try #require(review.proposed.first { $0.nrql.contains("'statement-fetcher'") && $0.tier == "critical" },
                                    "\(review.proposed.map(\.nrql))")
        #expect(!proposal.nrql.contains("FACET http.url"), "\(proposal.nrql)")
        #expect(proposal.rationale.contains("not counted per http.url"), "\(proposal.rationale)")
        #expect(proposal.rationale.contains("more than 5000 of its values, New Relic's facet limit"), "\(proposal.rationale)")
        #expect(proposal.quality.detected == proposal.quality.episodes && proposal.quality.episodes > 0)
    }

    @Test func facetByTakesOneAttributeOrAListAndNothingElse() throws {
        var configuration = try TriageConfiguration.defaults()
        #expect(configuration.alertTuning.subjectAttributes[.deserialization]?.first == "queue")
        #expect(configuration.alertTuning.subjectAttributes[.endpointAuth]?.prefix(2) == ["billerId", "endpoint"])
        try configuration.apply(yaml: "alerts:\n  facetBy: {transient: [queue, server.address], endpoint_auth: billerId}",
                                path: "triage.yml")
        #expect(configuration.alertTuning.subjectAttributes == [.transient: ["queue", "server.address"],
                                                                .endpointAuth: ["billerId"]])
        for yaml in ["alerts:\n  facetBy: {transient: [queue, hostname]}", "alerts:\n  facetBy: {transient: []}"] {
            var other = try TriageConfiguration.defaults()
            #expect(throws: ConfigurationError.self) { try other.apply(yaml: yaml, path: "triage.yml") }
        }
    }
}
