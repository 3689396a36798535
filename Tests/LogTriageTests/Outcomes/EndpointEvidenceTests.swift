import Foundation
import Testing
@testable import LogTriageAnalysis
@testable import LogTriageReports
@testable import LogTriageModel
import LogTriageTestSupport

extension Outcomes {
    /// Evidence beyond one message: a generated week in which every invoice look-up of one
    /// biller answers 404 from a moment on, while the other billers keep succeeding.
    @Suite struct EndpointEvidenceTests {
        static let start = 1_794_182_400_000  // 2026-11-09T00:00:00Z
        static let minute = 60_000
        static let movedAt = start + 26 * 60 * minute + 17 * minute  // day 2, 02:17

        /// Two days of look-ups every 10 minutes for billers B1…B4 of `invoice-sync`. From
        /// ``movedAt`` on, every call to `movedBiller` fails with a 404 that reads like an
        /// unknown invoice; the other billers see a few genuine unknown invoices.
        static func week(movedBiller: String? = "B3", failEveryone: Bool = false) -> [[String: Any]] {
            var records: [[String: Any]] = []
            for step in 0..<(2 * 24 * 6) {
                let time = start + step * 10 * minute
                for (index, biller) in ["B1", "B2", "B3", "B4"].enumerated() {
                    let at = time + index * 1000
                    let invoice = "INV-\(10_000 + step * 4 + index)"
                    let moved = biller == movedBiller && at >= movedAt
                    let outage = failEveryone && at >= movedAt
                    let sporadic = step % 37 == index
                    var record: [String: Any] = ["timestamp": at, "entity.name": "invoice-sync", "billerId": biller,
                                                 "accountId": "A\(index)", "trace.id": "t\(step)-\(index)"]
                    if moved || sporadic || outage {
                        record["level"] = "ERROR"
                        record["outcome"] = "failure"
                        record["http.statusCode"] = 404
                        record["message"] = "Invoice lookup failed for invoice \(invoice) of biller \(biller): 404 Not Found"
                    } else {
                        record["level"] = "INFO"
                        record["outcome"] = "success"
                        record["http.statusCode"] = 200
                        record["message"] = "Invoice lookup for invoice \(invoice) of biller \(biller) returned 200"
                    }
                    records.append(record)
                }
            }
            return records
        }

        @Test func everyCallOfOneBillerFailingTheSameWayIsTheEndpoint() throws {
            let fixture = try ClusterFixture(Self.week())
            defer { fixture.remove() }
            let result = try fixture.analyze()
            let finding = try #require(result.clustering.endpointFindings.first)
            #expect(result.clustering.endpointFindings.count == 1)
            #expect(finding.billerId == "B3")
            #expect(finding.service == "invoice-sync")
            #expect(finding.category == .endpointMoved)
            #expect(finding.status == 404)
            // The first failing call: the first look-up of B3 at or after the moment it moved.
            #expect(finding.started >= Int64(Self.movedAt))
            #expect(finding.started < Int64(Self.movedAt + 10 * Self.minute))
            #expect(finding.ongoing)
            #expect(finding.otherBillersSucceeding == 3)
            #expect(finding.reclassified)
            // Read alone, each failure is an unknown invoice (validation); the cluster, made
            // mostly of B3's calls, takes the endpoint's category with the evidence as reason.
            let cluster = try #require(result.clustering.clusters.first { $0.id == finding.clusterID })
            #expect(cluster.classification.category == .endpointMoved)
            #expect(cluster.classification.rule == "endpoint-evidence")
            #expect(cluster.classification.reason == finding.reason)
            #expect(finding.reason.contains("biller B3"))
            let report = WeeklyReport(context: WeeklyReportContext(result: result, rules: try TriageConfiguration.defaults().categoryRules,
                                                                   slowThresholdMs: 1000)).markdown()
            #expect(report.contains("Biller `B3` (`invoice-sync`): every call since 2026-11-10"))
        }

        @Test func withoutTheMovedBillerTheUnknownInvoicesStayValidation() throws {
            let fixture = try ClusterFixture(Self.week(movedBiller: nil))
            defer { fixture.remove() }
            let result = try fixture.analyze()
            #expect(result.clustering.endpointFindings.isEmpty)
            #expect(result.clustering.clusters.allSatisfy { $0.classification.category == .validation })
        }

        @Test func whenEveryBillerFailsItIsNotOneEndpoint() throws {
            let fixture = try ClusterFixture(Self.week(movedBiller: nil, failEveryone: true))
            defer { fixture.remove() }
            let result = try fixture.analyze()
            #expect(result.clustering.endpointFindings.isEmpty)
        }

        @Test func aRunBrokenBySuccessesOrMixedFailuresSaysNothing() {
            var evidence = EndpointEvidence(minimumFailures: 3)
            // Failing in two ways (two categories) is not one endpoint's doing.
            for (offset, cluster) in [0, 1, 0, 1, 0, 1].enumerated() {
                evidence.failure(service: "s", billerId: "mixed", time: Int64(offset), cluster: cluster,
                                 category: cluster == 0 ? .validation : .transient, status: 404)
            }
            for offset in 0..<6 {
                evidence.failure(service: "s", billerId: "broken", time: Int64(offset * 2), cluster: 0, category: .validation, status: 404)
                evidence.success(service: "s", billerId: "fine", time: Int64(offset * 2 + 1))
            }
            // A success inside the run, read late (another file): the calls did not all fail.
            evidence.success(service: "s", billerId: "broken", time: 5)
            let findings = evidence.findings(finalCluster: { $0 }) { _ in ("C", .validation) }
            #expect(findings.isEmpty)
        }

        @Test func oneCategoryOverSeveralClustersIsStillOneWay() {
            var evidence = EndpointEvidence(minimumFailures: 4)
            for offset in 0..<8 {
                // A GET and a POST to the same gone host: two templates, one kind of failure.
                evidence.failure(service: "s", billerId: "moved", time: Int64(offset), cluster: offset % 3 == 0 ? 1 : 0,
                                 category: .endpointMoved, status: nil)
                evidence.success(service: "s", billerId: "fine", time: Int64(offset))
            }
            let findings = evidence.findings(finalCluster: { $0 }) { ($0 == 0 ? "GET" : "POST", .endpointMoved) }
            #expect(findings.count == 1)
            #expect(findings.first?.finding.clusterIDs == ["GET", "POST"])
            #expect(findings.first?.clusters.map(\.failures) == [5, 3])
        }

        @Test func theVerdictDoesNotDependOnTheOrderCallsAreRead() {
            // One integration's calls split over two files read one after the other.
            var calls: [(biller: String, time: Int64, failed: Bool)] = []
            for step in 0..<60 {
                let time = Int64(step) * 5 * 60_000
                calls.append(("moved", time, step >= 20))
                calls.append(("fine", time + 1, false))
            }
            func findings(_ order: [(biller: String, time: Int64, failed: Bool)]) -> [EndpointFinding] {
                var evidence = EndpointEvidence()
                for call in order {
                    if call.failed {
                        evidence.failure(service: "s", billerId: call.biller, time: call.time, cluster: 0, category: .validation, status: 404)
                    } else {
                        evidence.success(service: "s", billerId: call.biller, time: call.time)
                    }
                }
                return evidence.findings(finalCluster: { $0 }) { _ in ("C", .validation) }.map(\.finding)
            }
            let inOrder = findings(calls)
            let oddsFirst = findings(calls.enumerated().filter { $0.offset % 3 != 0 }.map(\.element)
                + calls.enumerated().filter { $0.offset % 3 == 0 }.map(\.element))
            #expect(inOrder.count == 1)
            #expect(inOrder == oddsFirst)
            // The start is found to the slot: the slot holding the last success is left out.
            let trueStart: Int64 = 20 * 5 * 60_000
            #expect(inOrder.first.map { (trueStart..<trueStart + EndpointEvidence.slotMilliseconds).contains($0.started) } == true)
            #expect(inOrder.first.map { (37...40).contains($0.failures) } == true)
            #expect(inOrder.first?.ongoing == true)
        }
    }
}
