import Foundation
import Testing
@testable import LogTriage
@testable import LogTriageAnalysis
@testable import LogTriageIngest
@testable import LogTriageModel
import LogTriageTestSupport

/// The same message with another HTTP status is another failure: a 503 is the biller being
/// down, a 400 a request it refused. Each record is classified on its own status, whichever
/// came first.
@Suite("Clusters: an HTTP status decides each record's category, in any order")
struct StatusEvidenceTests {
    static func categories(of records: [[String: Any]]) throws -> [Int: Category] {
        let fixture = try ClusterFixture(records)
        defer { fixture.fixtures.remove() }
        let configuration = try TriageConfiguration.defaults()
        let clusterer = ErrorClusterer(rules: configuration.categoryRules, slowThresholdMs: configuration.slowThresholdMs)
        var byStatus: [Int: Category] = [:]
        _ = try IngestRun(configuration: configuration).read(InputPlan(arguments: [fixture.path])) { record, _ in
            guard let placement = clusterer.consume(record) else { return }
            let status = Int(record.string(.httpStatus) ?? "") ?? Int(record.string(.message)?.suffix(3) ?? "") ?? 0
            #expect(byStatus[status] == nil || byStatus[status] == placement.category, "status \(status)")
            byStatus[status] = placement.category
        }
        return byStatus
    }

    @Test(arguments: [false, true])
    func aStatusFieldIsReadForEveryRecord(reversed: Bool) throws {
        var records = (0..<6).map { index in
            ErrorClustererTests.error("Biller call failed", service: "gateway", status: index % 2 == 0 ? 503 : 400, at: index)
        }
        if reversed { records.reverse() }
        let categories = try Self.categories(of: records)
        #expect(categories[503] == .transient)
        #expect(categories[400] == .validation)
    }

    @Test(arguments: [false, true])
    func aStatusInTheMessageIsReadForEveryRecord(reversed: Bool) throws {
        var records = (0..<6).map { index in
            ErrorClustererTests.error("Request failed with status code \(index % 2 == 0 ? 503 : 400)", service: "web",
                                      at: index)
        }
        if reversed { records.reverse() }
        let categories = try Self.categories(of: records)
        #expect(categories[503] == .transient)
        #expect(categories[400] == .validation)
    }
}
