import Foundation
import Testing
import LogTriageModel
import LogTriageTestSupport
@testable import LogTriageAlerts

extension Backtest {
    /// A window of a query that only counts keeps two numbers in place of the query's
    /// accumulator: its value, its merge and what a partial writes down of it must be the
    /// accumulator's, and the other queries keep the accumulator.
    @Suite struct ConditionWindowTests {
        static let counting = ["count(*)", "filter(count(*), WHERE outcome = 'FAILED')",
                               "percentage(count(*), WHERE outcome = 'FAILED')"]

        static func select(_ text: String) throws -> NRQLExpression {
            try NRQLQuery.parse("SELECT \(text) FROM Log", condition: "c").select
        }

        /// The window and the query's own accumulator, fed the same records (`passing`: whether
        /// each passes the inner WHERE), as the alert stage feeds them.
        static func fed(_ select: NRQLExpression, _ passing: [Bool]) -> (ConditionWindow, NRQLSelectAccumulator) {
            var window = ConditionWindow(select, windowSeconds: 300)
            var accumulator = NRQLSelectAccumulator(select, windowSeconds: 300)
            let inner: Bool = if case .aggregate(.count) = select { false } else { true }
            for (index, passes) in passing.enumerated() {
                if inner {
                    window.add(passingInner: passes)
                    accumulator.add(passingInner: passes)
                } else {
                    let record = NRQLAttributes(["n": .number(Double(index))])
                    window.add(record, time: Int64(index))
                    accumulator.add(record, time: Int64(index))
                }
            }
            return (window, accumulator)
        }

        static func encoded(_ states: [NRQLAccumulator.State]) throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")
            return String(decoding: try encoder.encode(states), as: UTF8.self)
        }

        @Test("a counting window reads, merges and writes down what the query's accumulator does", arguments: counting)
        func countingWindowsAgreeWithTheAccumulator(_ text: String) throws {
            let select = try Self.select(text)
            for seed: UInt64 in 1...30 {
                var generator = SplitMix64(seed: seed)
                let passing = (0..<generator.int(0...40)).map { _ in generator.chance(30) }
                let (window, accumulator) = Self.fed(select, passing)
                #expect(window.recordCount == accumulator.recordCount)
                #expect(window.value(windowEnd: 300_000) == accumulator.value(windowEnd: 300_000), "\(text), seed \(seed)")
                #expect(try Self.encoded(window.state.accumulator) == Self.encoded(accumulator.states), "\(text), seed \(seed)")
                // Two halves merged are one pass.
                let cut = generator.int(0...passing.count)
                var merged = Self.fed(select, Array(passing[..<cut])).0
                merged.merge(Self.fed(select, Array(passing[cut...])).0)
                #expect(try Self.encoded(merged.state.accumulator) == Self.encoded(window.state.accumulator))
                // Loaded back from what a partial writes down.
                var loaded = ConditionWindow(select, windowSeconds: 300)
                let loads = loaded.load(window.state)
                #expect(loads)
                #expect(loaded.value(windowEnd: 300_000) == window.value(windowEnd: 300_000))
                #expect(try Self.encoded(loaded.state.accumulator) == Self.encoded(window.state.accumulator))
            }
        }

        @Test("a counting window refuses the state of another aggregate; an averaging one keeps its accumulator")
        func otherAggregates() throws {
            let percentile = try Self.select("percentile(n, 95)")
            var sketched = ConditionWindow(percentile, windowSeconds: 300)
            for value in [3.0, 9, 27] { sketched.add(NRQLAttributes(["n": .number(value)]), time: 0) }
            var counting = ConditionWindow(try Self.select("count(*)"), windowSeconds: 300)
            let loadsSketch = counting.load(sketched.state)
            #expect(!loadsSketch)
            var average = ConditionWindow(try Self.select("average(n)"), windowSeconds: 300)
            for value in [2.0, 4] { average.add(NRQLAttributes(["n": .number(value)]), time: 0) }
            #expect(average.value(windowEnd: nil) == 3 && average.recordCount == 2)
            var loaded = ConditionWindow(try Self.select("average(n)"), windowSeconds: 300)
            let loadsAverage = loaded.load(average.state)
            #expect(loadsAverage && loaded.value(windowEnd: nil) == 3)
        }

        @Test("clustered records are tallied per category, stale ones moved out, and written down only once tallied")
        func tally() throws {
            var window = ConditionWindow(try Self.select("count(*)"), windowSeconds: 300)
            #expect(window.state.clustered.isEmpty)
            for category in [Category.transient, .transient, .validation, .other] { window.addClustered(category) }
            window.markStale(.transient)
            window.markStale(.slow)
            #expect(window.judgement == WindowJudgement(byCategory: [.transient: 1, .validation: 1, .other: 1], stale: 1))
            #expect(window.state.clustered == [1, 0, 0, 0, 1, 0, 0, 0, 1])
            var loaded = ConditionWindow(try Self.select("count(*)"), windowSeconds: 300)
            let loads = loaded.load(window.state)
            #expect(loads && loaded.judgement == window.judgement)
            var damaged = window.state
            damaged.clustered = [1, 2]
            let loadsDamaged = loaded.load(damaged)
            #expect(!loadsDamaged)
        }
    }
}
