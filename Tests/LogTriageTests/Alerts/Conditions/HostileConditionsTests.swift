import Foundation
import Testing
import LogTriageIngest
import LogTriageAnalysis
@testable import LogTriageAlerts
import LogTriageReports
@testable import LogTriage
import LogTriageTestSupport

/// Conditions a hostile-input hunt wrote to hang the run or exhaust its memory (an IN list of
/// 100,000 values, 20,000 aggregates, `uniqueCount()` of 1,000 attributes, a 6-hour window
/// sliding by 1 s): each is now read and refused as not backtested with the limit named, its
/// neighbours are backtested, and the run goes on.
@Suite("Alerts: conditions beyond LogTriage's limits")
struct HostileConditionsTests {
    static let base: Int64 = 1_794_182_400_000
    static let usual = "window_s: 300\n  critical: {operator: above, threshold: 2, duration_s: 300}"

    static func run(_ hostile: [(nrql: String, settings: String)]) throws -> AlertReview {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let lines = (0..<60).map {
            "{\"timestamp\":\(Self.base + Int64($0) * 60_000),\"level\":\"ERROR\",\"message\":\"call failed with status 503\","
                + "\"entity.name\":\"rtd-gateway\",\"billerId\":\"B\($0 % 3)\",\"traceId\":\"t\($0)\"}\n"
        }
        let logs = try fixtures.gzip("logs.json.gz", members: [Array(lines.joined().utf8)])
        var yaml = hostile.enumerated().map { index, condition in
            "- name: hostile-\(index)\n  nrql: \"\(condition.nrql)\"\n  \(condition.settings)\n"
        }.joined()
        yaml += "- name: usual\n  nrql: SELECT count(*) FROM Log WHERE level = 'ERROR'\n  \(Self.usual)\n"
        let conditions = try AlertConditionsLoader.parse(yaml, path: "alerts.yml")
        let analysis = Analysis(configuration: try .defaults(), alertConditions: conditions)
        let result = try analysis.run(InputPlan(arguments: [logs]))
        try analysis.writeReports(result, to: fixtures.path("out"))
        let review = try #require(result.alerts)
        #expect(review.current.first { $0.name == "usual" }?.refusal == nil)
        #expect(review.current.first { $0.name == "usual" }?.figures.incidents ?? 0 > 0)
        return review
    }

    static func refusal(_ review: AlertReview, _ index: Int) -> ConditionRefusal? {
        review.current.first { $0.name == "hostile-\(index)" }?.refusal
    }

    static func values(_ count: Int) -> String { (0..<count).map { "'B\($0)'" }.joined(separator: ",") }
    static func sum(_ count: Int) -> String { Array(repeating: "count(*)", count: count).joined(separator: " + ") }
    static func attributes(_ count: Int) -> String { Array(repeating: "message", count: count).joined(separator: ", ") }

    /// One past each limit is refused, naming it; at the limit the condition is backtested.
    @Test func queriesBeyondTheLimitsAreRefusedAndTheRunGoesOn() throws {
        let review = try Self.run([
            ("SELECT count(*) FROM Log WHERE billerId IN (\(Self.values(1_001)))", Self.usual),
            ("SELECT count(*) FROM Log WHERE billerId IN (\(Self.values(1_000)))", Self.usual),
            ("SELECT \(Self.sum(65)) FROM Log", Self.usual),
            ("SELECT \(Self.sum(64)) FROM Log", Self.usual),
            ("SELECT uniqueCount(\(Self.attributes(33))) FROM Log", Self.usual),
            ("SELECT uniqueCount(\(Self.attributes(32))) FROM Log", Self.usual),
            ("SELECT count(*) FROM Log WHERE message = '\(String(repeating: "x", count: 16_384))'", Self.usual),
        ])
        for (index, words) in [(0, "over 1000 values"), (2, "65 aggregates"), (4, "over 32 arguments"), (6, "limit of 16384")] {
            let refusal = try #require(Self.refusal(review, index), "hostile-\(index)")
            #expect(refusal.kind == "limit" && refusal.description.contains(words), "\(refusal)")
        }
        for index in [1, 3, 5] { #expect(Self.refusal(review, index) == nil, "hostile-\(index)") }
        // Backtested at the limit: the IN list counts the records of B0, B1 and B2.
        #expect(review.current.first { $0.name == "hostile-1" }?.figures.incidents ?? 0 > 0)
    }

    /// A window of 360 steps is replayed; one of 361 steps is refused (a 6-hour window sliding
    /// by 1 s, faceted by trace, ran for minutes).
    @Test func slidingWindowsOfTooManyStepsAreRefused() throws {
        let review = try Self.run([
            ("SELECT count(*) FROM Log FACET traceId", "window_s: 21600\n  critical: {operator: above, threshold: 0, duration_s: 21600}\n  slide_by_s: 1"),
            ("SELECT count(*) FROM Log FACET traceId", "window_s: 722\n  critical: {operator: above, threshold: 0, duration_s: 722}\n  slide_by_s: 2"),
            ("SELECT count(*) FROM Log FACET billerId", "window_s: 360\n  critical: {operator: above, threshold: 0, duration_s: 360}\n  slide_by_s: 1"),
        ])
        for index in [0, 1] {
            let refusal = try #require(Self.refusal(review, index), "hostile-\(index)")
            #expect(refusal.kind == "setting" && refusal.description.contains("steps a window, over LogTriage's limit of 360"),
                    "\(refusal)")
        }
        #expect(Self.refusal(review, 2) == nil)
        #expect(review.current.first { $0.name == "hostile-2" }?.figures.incidents ?? 0 > 0)
    }
}
