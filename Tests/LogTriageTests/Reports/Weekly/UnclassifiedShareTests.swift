import Foundation
import Testing
@testable import LogTriageModel
@testable import LogTriageAnalysis
@testable import LogTriageReports
@testable import LogTriageBasics

/// Honesty about missing evidence: errors no rule knows are counted, their share is in
/// `summary.json`, and the headline says so when it is high.
@Suite struct UnclassifiedShareTests {
    static func records(unknown: Int, known: Int) -> [[String: Any]] {
        (0..<unknown).map { ErrorClustererTests.error("Widget frobnication step \($0) went sideways", service: "widgets", at: $0) }
            + (0..<known).map { ErrorClustererTests.error("connect ETIMEDOUT 10.0.0.\($0 % 9):443", service: "widgets", at: $0) }
    }

    static func run(unknown: Int, known: Int) throws -> (result: AnalysisResult, summary: [String: Any], headline: String) {
        let fixture = try ClusterFixture(records(unknown: unknown, known: known))
        defer { fixture.remove() }
        let result = try fixture.analyze()
        let summary = try #require(try JSONSerialization.jsonObject(
            with: Data(SummaryDocument(result: result).json().rendered().utf8)) as? [String: Any])
        let report = WeeklyReport(context: WeeklyReportContext(result: result, rules: try TriageConfiguration.defaults().categoryRules,
                                                               slowThresholdMs: 1000))
        return (result, summary, report.headline())
    }

    @Test func aHighShareIsCountedAndHeadlined() throws {
        let run = try Self.run(unknown: 30, known: 10)
        #expect(run.summary["unclassifiedRecords"] as? Int == 30)
        #expect(run.summary["unclassifiedShare"] as? Double == 0.75)
        #expect(run.headline.contains("**Unclassified:** 30 errors (75.0%)"))
        let unknown = try #require(run.result.clustering.clusters.first { $0.classification.category == .other })
        #expect(unknown.classification.isUnclassified)
        #expect(CategoriesTable.table(for: run.result.clustering).rows.contains { $0.last == Classification.unclassifiedReason })
    }

    @Test func aLowShareIsCountedButNotHeadlined() throws {
        let run = try Self.run(unknown: 2, known: 38)
        #expect(run.summary["unclassifiedRecords"] as? Int == 2)
        #expect(run.summary["unclassifiedShare"] as? Double == 0.05)
        #expect(!run.headline.contains("Unclassified"))
    }
}
