import Testing
@testable import LogTriageAlerts
import LogTriageTestSupport

/// The tuner reads a median and a percentile of a week of window values without sorting
/// them: each rank must give exactly what the sort gave.
@Suite("Alerts: a rank of window values without a sort")
struct OrderStatisticTests {
    /// Window volumes and quiet levels repeat a lot: few distinct values, runs, sorted and
    /// reversed stretches, one value only.
    @Test(arguments: [1, 2, 3, 7, 64, 1_000])
    func everyRankIsTheSortedValue(count: Int) {
        var random = SplitMix64(seed: UInt64(count))
        for shape in 0..<6 {
            var values: [Int] = (0..<count).map { _ in
                switch shape {
                case 0: random.int(0...3)
                case 1: random.int(0...1_000_000)
                default: random.int(0...40)
                }
            }
            if shape == 3 { values.sort() }
            if shape == 4 { values.sort(by: >) }
            if shape == 5 { values = Array(repeating: 9, count: count) }
            let sorted = values.sorted()
            for rank in Set([0, count / 2, count - 1, random.int(0...(count - 1))]) {
                #expect(OrderStatistic.element(at: rank, of: values) == sorted[rank], "shape \(shape), rank \(rank)")
            }
        }
    }

    @Test func quietLevelsAsTheSortReadThem() {
        var random = SplitMix64(seed: 41)
        let values: [Double] = (0..<500).map { _ in random.chance(60) ? 0 : Double(random.int(0...300)) / 7 }
        let sorted = values.sorted()
        for rank in [0, 1, 249, 250, 474, 475, 499] {
            #expect(OrderStatistic.element(at: rank, of: values) == sorted[rank])
        }
    }

    /// A NaN does not order: the values are then sorted as before, so the rank reads what the
    /// sort put there.
    @Test func valuesThatDoNotOrderAreSorted() {
        let values: [Double] = [3, .nan, 1, 2, .nan, 0]
        let sorted = values.sorted()
        for rank in values.indices {
            let found = OrderStatistic.element(at: rank, of: values)
            #expect(found == sorted[rank] || (found.isNaN && sorted[rank].isNaN), "rank \(rank)")
        }
    }
}
