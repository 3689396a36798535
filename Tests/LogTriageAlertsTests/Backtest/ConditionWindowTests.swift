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

        /// Each step merged into every window it is a whole number of steps into, one at a
        /// time through a dictionary: the sliding windows by their definition.
        static func referenceWindows(_ buckets: [Int64: ConditionWindow], select: NRQLExpression, windowSeconds: Int,
                                     step: Int) -> [Int64: ConditionWindow] {
            let span = windowSeconds / step
            var windows: [Int64: ConditionWindow] = [:]
            var laterFirst: [Int64: Int64] = [:]
            for bucket in buckets.keys.sorted() {
                for offset in 0..<span {
                    let start = bucket - Int64(offset * step)
                    windows[start, default: ConditionWindow(select, windowSeconds: windowSeconds)].merge(buckets[bucket]!)
                    if offset > 0 { laterFirst[start] = min(laterFirst[start] ?? .max, buckets[bucket]!.firstRecord) }
                }
            }
            for start in windows.keys {
                windows[start]!.firstFlowRecord = min(buckets[start]?.firstFlowRecord ?? .max, laterFirst[start] ?? .max)
            }
            return windows
        }

        @Test("sliding windows made in start order are those of merging every step into each window it spans",
              arguments: ["count(*)", "average(n)", "latest(n)", "percentile(n, 95)", "uniqueCount(n)",
                          "filter(uniqueCount(n), WHERE n > 20)", "percentile(n, 50) + uniqueCount(n)"])
        func slidingWindowsAsDefined(_ text: String) throws {
            let select = try Self.select(text)
            for seed: UInt64 in 1...40 {
                var generator = SplitMix64(seed: seed)
                let step = [60, 30][generator.int(0...1)], span = generator.int(2...6)
                let condition = AlertCondition(name: "c", nrql: "SELECT \(text) FROM Log", windowSeconds: step * span,
                                               slideBySeconds: step, critical: nil)
                // Steps on the grid, and now and then one off it (an edited partial's).
                var buckets: [Int64: ConditionWindow] = [:]
                for _ in 0..<generator.int(0...25) {
                    let start = Int64(generator.int(-20...60) * step + (generator.chance(10) ? generator.int(1...step - 1) : 0))
                    var window = buckets[start] ?? ConditionWindow(select, windowSeconds: step * span)
                    // Queries that keep values get steps of hundreds of records, so that windows pass
                    // the exact limits (2,048 values, 1,536 distinct) and are merged past them.
                    let keepsValues = select.aggregates.contains(where: \.keepsValues)
                    for _ in 0..<(keepsValues ? generator.int(1...700) : generator.int(1...3)) {
                        let time = start * 1000 + Int64(generator.int(0...step * 1000 - 1))
                        let value = keepsValues ? Double(generator.int(-500...5_000)) / 4 : Double(generator.int(0...99))
                        window.add(NRQLAttributes(["n": .number(value)]), time: time)
                        window.noteTime(time, flowFrom: start * 1000 + Int64(generator.int(0...step * 1000)))
                        if generator.chance(40) { window.addClustered(Category.allCases[generator.int(0...8)]) }
                    }
                    buckets[start] = window
                }
                let made = AlertReviewer.windows(of: condition, select: select, buckets: buckets, step: step)
                let expected = Self.referenceWindows(buckets, select: select, windowSeconds: step * span, step: step)
                #expect(made.keys.sorted() == expected.keys.sorted(), "\(text), seed \(seed)")
                for (start, window) in expected {
                    let other = try #require(made[start])
                    #expect(other.value(windowEnd: start * 1000) == window.value(windowEnd: start * 1000), "\(text), seed \(seed)")
                    #expect(other.recordCount == window.recordCount && other.judgement == window.judgement)
                    #expect((other.firstRecord, other.lastRecord, other.firstFlowRecord)
                        == (window.firstRecord, window.lastRecord, window.firstFlowRecord), "\(text), seed \(seed), \(start)")
                    #expect(try Self.encoded(other.state.accumulator) == Self.encoded(window.state.accumulator))
                }
            }
        }
    }
}
