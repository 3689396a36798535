import Foundation
import Testing
@testable import LogTriageIngest
@testable import LogTriageAnalysis
@testable import LogTriage
@testable import LogTriageModel

/// Categories cost per kind of evidence, not per record: the catalogue is large, so the
/// clusterer must classify a failure once however many records repeat it.
@Suite struct ClassificationCostTests {
    @Test func repeatedFailuresWithOtherIdsAreClassifiedOnce() throws {
        let records: [[String: Any]] = (0..<500).map { index in
            ErrorClustererTests.error("connect ETIMEDOUT 10.0.\(index % 250).\(index % 7):443 while syncing invoice \(index)",
                                      service: "node-sync", at: index)
        } + (0..<300).map { index in
            ErrorClustererTests.error("Rejected ledger entry \(index): amount 1.\(index) has scale 3, expected 2",
                                      service: "ledger", at: index)
        }
        let fixture = try ClusterFixture(records)
        defer { fixture.remove() }
        let configuration = try TriageConfiguration.defaults()
        let clusterer = ErrorClusterer(rules: configuration.categoryRules, slowThresholdMs: configuration.slowThresholdMs)
        _ = try IngestRun(configuration: configuration).read(InputPlan(arguments: [fixture.path])) { record, _ in
            _ = clusterer.consume(record)
        }
        let result = clusterer.finish()
        #expect(result.errorRecords == 800)
        #expect(clusterer.classifiedEvidence == 2)
        let categories = Dictionary(uniqueKeysWithValues: result.clusters.map { ($0.service, $0.classification.category) })
        #expect(categories == ["node-sync": .transient, "ledger": .validation])
    }
}
