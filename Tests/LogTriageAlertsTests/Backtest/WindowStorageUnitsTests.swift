import Testing
import LogTriageModel
import LogTriageTestSupport
@testable import LogTriageAlerts

extension Backtest {
    /// What a window costs the replay's memory budget: one unit when it only counts, more as
    /// the values it holds grow, and always a function of what it took in alone, never less
    /// after more (the budget's rule that the conditions kept do not depend on order needs both).
    @Suite struct WindowStorageUnitsTests {
        static func select(_ text: String) throws -> NRQLExpression {
            try NRQLQuery.parse("SELECT \(text) FROM Log", condition: "c").select
        }

        /// The units after each record, adding `values` as `d` in the given order.
        static func units(_ select: NRQLExpression, _ values: [Double]) -> (window: ConditionWindow, steps: [Int]) {
            var window = ConditionWindow(select, windowSeconds: 60)
            var steps: [Int] = []
            for (index, value) in values.enumerated() {
                window.add(NRQLAttributes(["d": .number(value)]), time: Int64(index))
                steps.append(window.storageUnits)
            }
            return (window, steps)
        }

        @Test("a counting window is one unit, an average a few, and neither is weighed again")
        func fixedWindows() throws {
            var counting = ConditionWindow(try Self.select("count(*)"))
            #expect(counting.storageUnits == 1 && !counting.storageGrows)
            for index in 0..<100 { counting.add(NRQLAttributes(["d": .number(Double(index))])) }
            #expect(counting.storageUnits == 1)
            let average = Self.units(try Self.select("average(d)"), (0..<500).map(Double.init))
            // Its size never changes, so the store need not weigh it after each record.
            #expect(!average.window.storageGrows)
            #expect(Set(average.steps).count == 1)
            #expect(average.steps[0] > 1 && average.steps[0] < 5, "\(average.steps[0])")
        }

        @Test("a window holding values grows with them, never shrinks, and ends the same in any order",
              arguments: ["uniqueCount(d)", "percentile(d, 95)", "median(d)", "filter(uniqueCount(d), WHERE d > 10)"])
        func growingWindows(_ text: String) throws {
            let select = try Self.select(text)
            for seed: UInt64 in 1...12 {
                var generator = SplitMix64(seed: seed)
                // Around the exact limits (1,536 hashes, 2,048 values), with repeats and now and
                // then values large enough to lengthen a histogram.
                let count = generator.int(1...5_000)
                let values = (0..<count).map { _ in
                    generator.int(0...9) == 0 ? Double(generator.int(0...1_000_000_000)) : Double(generator.int(0...3_000))
                }
                var shuffled = values
                shuffled.shuffle(using: &generator)
                let forward = Self.units(select, values)
                // The store weighs a window again after each record only when it says it grows.
                #expect(forward.window.storageGrows, "seed \(seed)")
                #expect(zip(forward.steps, forward.steps.dropFirst()).allSatisfy { $0 <= $1 }, "seed \(seed)")
                for order in [Array(values.reversed()), shuffled] {
                    let other = Self.units(select, order)
                    #expect(zip(other.steps, other.steps.dropFirst()).allSatisfy { $0 <= $1 }, "seed \(seed)")
                    #expect(other.steps.last == forward.steps.last, "seed \(seed)")
                }
                // Two halves merged cost what one pass does, and no less than either half.
                let cut = generator.int(0...count)
                var first = Self.units(select, Array(values[..<cut])).window
                let second = Self.units(select, Array(values[cut...])).window
                let halves = (first.storageUnits, second.storageUnits)
                first.merge(second)
                #expect(first.storageUnits == forward.steps.last, "seed \(seed)")
                #expect(first.storageUnits >= max(halves.0, halves.1), "seed \(seed)")
                // 16 KB of values and the histograms of the largest at most.
                #expect(forward.steps.last! <= 1 + (32 + 2 * 45_000) / AlertTuning.replayWindowBytes + 2, "seed \(seed)")
            }
        }

        @Test("uniqueCount keeps hashes, not values: long values cost what short ones do")
        func uniqueValuesAreHashed() throws {
            let select = try Self.select("uniqueCount(message)")
            func window(_ length: Int) -> ConditionWindow {
                var window = ConditionWindow(select)
                for index in 0..<1_000 {
                    let text = String(repeating: "x", count: length) + String(index)
                    window.add(NRQLAttributes(["message": .string(text)]))
                }
                return window
            }
            let short = window(1), long = window(8_000)
            #expect(short.value() == 1_000 && long.value() == 1_000)
            #expect(short.storageUnits == long.storageUnits)
            #expect(short.storageUnits > 40, "\(short.storageUnits)")
        }
    }
}
