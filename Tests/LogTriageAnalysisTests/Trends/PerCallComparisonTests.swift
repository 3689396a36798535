import Testing
@testable import LogTriageAnalysis
import LogTriageTestSupport

extension BaselineTests {
    /// Rising and falling judged per call: a cluster's failures against its service's traffic in
    /// each week, so a busier week does not make every cluster rise.
    @Suite("WeekComparison per call")
    struct PerCallComparisonTests {
        static let week: Int64 = 7 * 86_400_000
        static let start: Int64 = 1_794_182_400_000

        /// Last week: clusters `C1`…`C4` of `payments` and `D1` of `ledger`, each with `failures`
        /// records, and each service with `calls` records.
        static func lastWeek(failures: Int, calls: [String: Int]) -> BaselineCounts {
            let clusters = ["C1", "C2", "C3", "C4"].map { BaselineCluster(id: $0, count: failures, service: "payments") }
                + [BaselineCluster(id: "D1", count: failures, service: "ledger")]
            return BaselineCounts(clusters: clusters, records: calls.values.reduce(0, +), errorRecords: 5 * failures,
                                  rangeStart: start, rangeEnd: start + week, serviceTraffic: calls)
        }

        static let services = ["C1": "payments", "C2": "payments", "C3": "payments", "C4": "payments", "D1": "ledger"]

        static func labels(_ comparison: WeekComparison) -> [String: ClusterChange] {
            Dictionary(uniqueKeysWithValues: comparison.clusters.map { ($0.id, $0.change) })
        }

        @Test func threeTimesTheTrafficAtTheSameFailureRateIsSteady() {
            let baseline = Self.lastWeek(failures: 40, calls: ["payments": 10_000, "ledger": 5_000])
            // payments handled three times the calls; its clusters failed three times as often.
            let current = ["C1": 120, "C2": 120, "C3": 120, "C4": 120, "D1": 40]
            let comparison = WeekComparison(current: current, currentDuration: .milliseconds(Self.week), baseline: baseline,
                                            currentServices: Self.services,
                                            currentTraffic: ["payments": 30_000, "ledger": 5_000])
            #expect(Self.labels(comparison).values.allSatisfy { $0 == .steady })
            #expect(comparison.clusters.first { $0.id == "C1" }?.expectedCount == 120)
            #expect(comparison.clusters.first { $0.id == "C1" }?.trafficRatio == 3)
            #expect(comparison.perCallComparisons == 5)
            #expect(comparison.trafficChanges == [TrafficChange(service: "payments", baselineRecords: 10_000, records: 30_000, ratio: 3)])
            // By raw counts, the same weeks would have called every payments cluster rising.
            let raw = WeekComparison(current: current, currentDuration: .milliseconds(Self.week), baseline: baseline)
            #expect(raw.clusters(.rising).count == 4)
            #expect(raw.trafficChanges.isEmpty)
        }

        @Test func risingAndFallingArePerCall() {
            let baseline = Self.lastWeek(failures: 40, calls: ["payments": 10_000, "ledger": 5_000])
            let current = [
                "C1": 360,  // 3× traffic, 9× failures: three times the rate per call → rising
                "C2": 120,  // 3× traffic, 3× failures → steady
                "C3": 40,  // 3× traffic, same failures: a third of the rate per call → falling
                "C4": 200,  // 3× traffic, 5× failures: under twice the rate → steady
                "D1": 100,  // same traffic, 2.5× failures → rising
            ]
            let comparison = WeekComparison(current: current, currentDuration: .milliseconds(Self.week), baseline: baseline,
                                            currentServices: Self.services,
                                            currentTraffic: ["payments": 30_000, "ledger": 5_000])
            #expect(Self.labels(comparison) == ["C1": .rising, "C2": .steady, "C3": .falling, "C4": .steady, "D1": .rising])
        }

        @Test func aServiceWithoutTrafficInOneWeekFallsBackToCoveredTime() {
            let baseline = Self.lastWeek(failures: 40, calls: ["payments": 10_000])
            let current = ["C1": 120, "D1": 120]
            let comparison = WeekComparison(current: current, currentDuration: .milliseconds(Self.week), baseline: baseline,
                                            currentServices: Self.services,
                                            currentTraffic: ["payments": 30_000, "ledger": 5_000])
            let byID = Dictionary(uniqueKeysWithValues: comparison.clusters.map { ($0.id, $0) })
            #expect(byID["C1"]?.change == .steady)
            #expect(byID["D1"]?.trafficRatio == nil)
            #expect(byID["D1"]?.change == .rising)  // 3× the failures in the same time, traffic unknown
            // The cluster gone this week takes its service from last week's row.
            #expect(byID["C2"]?.change == .gone)
            #expect(byID["C2"]?.trafficRatio == 3)
        }

        @Test func trafficChangesAreListedLargestFirstBothWays() {
            let traffic = ServiceTraffic(current: ["a": 300, "b": 100, "c": 50, "d": 120, "tiny": 40],
                                         baseline: ["a": 100, "b": 100, "c": 200, "d": 100, "tiny": 10])
            #expect(traffic.changes(factor: 1.5).map(\.service) == ["c", "a"])
            #expect(traffic.ratio(of: "missing") == nil)
            // Too few records to trust: compared by covered time instead, and not listed.
            #expect(traffic.ratio(of: "tiny") == nil)
        }
    }
}
