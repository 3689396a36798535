import Testing
@testable import LogTriageAnalysis
import LogTriageTestSupport

extension BaselineTests {
    @Suite("WeekComparison")
    struct ComparisonTests {
        static let week: Int64 = 7 * 86_400_000
        static let start: Int64 = 1_794_182_400_000

        /// A baseline of `counts` covering `duration` milliseconds (nil: no time range).
        static func baseline(_ counts: [String: Int], duration: Int64? = week) -> BaselineCounts {
            BaselineCounts(clusters: counts.map { BaselineCluster(id: $0.key, count: $0.value, category: "other", template: "t \($0.key)") },
                           records: counts.values.reduce(0, +), errorRecords: 0,
                           rangeStart: duration.map { _ in start }, rangeEnd: duration.map { start + $0 })
        }

        static func labels(_ comparison: WeekComparison) -> [String: ClusterChange] {
            Dictionary(uniqueKeysWithValues: comparison.clusters.map { ($0.id, $0.change) })
        }

        @Test func rawValuesAreTheReportContract() {
            #expect(ClusterChange.allCases.map(\.rawValue) == ["new", "rising", "falling", "steady", "gone"])
        }

        @Test func eachLabelOnHandMadeCounts() {
            let baseline = Self.baseline(["gone": 50, "up": 100, "down": 100, "same": 100, "zero": 0])
            let current = ["new": 3, "up": 250, "down": 40, "same": 130, "zero": 12, "absentBoth": 0]
            let comparison = WeekComparison(current: current, currentDuration: .milliseconds(Self.week), baseline: baseline)
            #expect(Self.labels(comparison) == ["new": .new, "zero": .new, "up": .rising, "down": .falling, "same": .steady, "gone": .gone])
            #expect(comparison.durationScale == 1)
            let gone = comparison.clusters(.gone)
            #expect(gone.map(\.count) == [0] && gone.map(\.baselineCount) == [50] && gone.first?.baseline?.template == "t gone")
            #expect(comparison.clusters(.new).allSatisfy { $0.baseline.map { $0.count == 0 } ?? true })
            #expect(comparison.clusters(.rising).first?.difference == 150)
        }

        @Test(arguments: [
            // (baseline, current, label): both conditions must hold for a sharp change.
            (1, 5, ClusterChange.steady), (3, 12, .steady), (3, 13, .rising), (5, 9, .steady), (10, 20, .rising),
            (10, 19, .steady), (100, 199, .steady), (100, 200, .rising), (20, 10, .falling), (20, 11, .steady),
            (12, 3, .steady), (19, 10, .steady), (19, 9, .falling), (21, 10, .falling), (1000, 501, .steady), (1000, 500, .falling), (1, 1, .steady),
        ])
        func smallNumbersAreNotSharpChanges(_ before: Int, _ now: Int, _ label: ClusterChange) {
            let comparison = WeekComparison(current: ["C": now], currentDuration: .milliseconds(Self.week), baseline: Self.baseline(["C": before]))
            #expect(comparison.clusters.map(\.change) == [label])
        }

        @Test func factorAndMinimumAreParameters() {
            let baseline = Self.baseline(["C": 10])
            let lenient = WeekComparison(current: ["C": 16], currentDuration: nil, baseline: baseline, factor: 1.5, minimumDifference: 5)
            #expect(lenient.clusters.map(\.change) == [.rising])
            #expect(lenient.factor == 1.5 && lenient.minimumDifference == 5)
            let strict = WeekComparison(current: ["C": 16], currentDuration: nil, baseline: baseline)
            #expect(strict.clusters.map(\.change) == [.steady])
            let noMinimum = WeekComparison(current: ["C": 4], currentDuration: nil, baseline: Self.baseline(["C": 2]), minimumDifference: 0)
            #expect(noMinimum.clusters.map(\.change) == [.rising])
        }

        @Test func ratesArePerHourWhenTheWeeksCoverDifferentTimes() {
            // Last week: 7 days. This week's export was cut after 3.5 days.
            let baseline = Self.baseline(["same": 700, "up": 100, "down": 400, "small": 8])
            let current = ["same": 350, "up": 110, "down": 60, "small": 10]
            let halfWeek = WeekComparison(current: current, currentDuration: .milliseconds(Self.week / 2), baseline: baseline)
            #expect(halfWeek.durationScale == 0.5)
            #expect(Self.labels(halfWeek) == ["same": .steady, "up": .rising, "down": .falling, "small": .steady])
            #expect(halfWeek.clusters.first { $0.id == "same" }?.expectedCount == 350)
            #expect(halfWeek.clusters.first { $0.id == "up" }?.difference == 60)

            // The same counts compared raw (this week's range unknown) read very differently.
            let raw = WeekComparison(current: current, currentDuration: nil, baseline: baseline)
            #expect(raw.durationScale == nil)
            #expect(Self.labels(raw) == ["same": .falling, "up": .steady, "down": .falling, "small": .steady])
            #expect(raw.clusters.first { $0.id == "same" }?.expectedCount == 700)
        }

        @Test func unknownOrEmptyBaselineRangeComparesRawCounts() {
            for duration: Int64? in [nil, 0] {
                let comparison = WeekComparison(current: ["C": 300], currentDuration: .milliseconds(Self.week / 7),
                                                baseline: Self.baseline(["C": 100], duration: duration))
                #expect(comparison.durationScale == nil)
                #expect(comparison.clusters.map(\.change) == [.rising])
            }
            let zeroCurrent = WeekComparison(current: ["C": 100], currentDuration: .zero, baseline: Self.baseline(["C": 100]))
            #expect(zeroCurrent.durationScale == nil && zeroCurrent.clusters.map(\.change) == [.steady])
        }

        @Test func reportOrderPutsWhatNeedsAttentionFirst() {
            let baseline = Self.baseline([
                "r1": 10, "r2": 10, "r3": 100, "f1": 100, "f2": 1000, "g1": 5, "g2": 50, "g3": 50, "s1": 10, "s2": 30,
            ])
            let current = [
                "s1": 12, "n1": 1, "n2": 40, "n3": 40, "r1": 30, "r2": 100, "r3": 250, "f1": 10, "f2": 100, "s2": 35,
            ]
            let comparison = WeekComparison(current: current, currentDuration: nil, baseline: baseline)
            #expect(comparison.clusters.map(\.id) == [
                "n2", "n3", "n1",   // new: most records first, ties by id
                "r3", "r2", "r1",   // rising: +150, +90, +20
                "f2", "f1",         // falling: -900, -90
                "g2", "g3", "g1",   // gone: most records last week first
                "s2", "s1",         // steady: most records first
            ])
        }

        @Test func repeatedIdsInAHandMadeBaselineAddUp() {
            let baseline = BaselineCounts(clusters: [BaselineCluster(id: "C", count: 3, template: "first"),
                                                     BaselineCluster(id: "C", count: 4, template: "second")],
                                          records: 7, errorRecords: 7)
            #expect(baseline.clusters == ["C": BaselineCluster(id: "C", count: 7, template: "first")])
        }

        @Test func clustersAbsentFromBothWeeksAreLeftOut() {
            let comparison = WeekComparison(current: ["a": 0], currentDuration: nil, baseline: Self.baseline(["b": 0]))
            #expect(comparison.clusters.isEmpty)
        }
    }
}
