import Testing
@testable import LogTriageAlerts
import LogTriageTestSupport

extension NRQL {
    @Suite struct AccumulatorTests {
        static func accumulate(_ select: String, _ records: [NRQLAttributes]) throws -> Double? {
            let query = try NRQLQuery.parse("SELECT \(select) FROM Log", condition: "t")
            var accumulator = NRQLAccumulator(query.aggregate)
            for record in records { accumulator.add(record) }
            return accumulator.value
        }

        static func durations(_ values: [Double]) -> [NRQLAttributes] {
            values.map { ["d": .number($0)] }
        }

        static let calls: [NRQLAttributes] = [
            ["outcome": .string("FAILED"), "d": .number(10)],
            ["outcome": .string("OK"), "d": .string("20")],
            ["outcome": .string("OK"), "d": .bool(true)],
            ["outcome": .string("OK")],
        ]

        @Test func countsRecords() throws {
            #expect(try Self.accumulate("count(*)", Self.calls) == 4)
            #expect(try Self.accumulate("count(*)", []) == 0)
        }

        @Test func filterCountsMatches() throws {
            #expect(try Self.accumulate("filter(count(*), WHERE outcome = 'FAILED')", Self.calls) == 1)
            #expect(try Self.accumulate("filter(count(*), WHERE outcome = 'FAILED')", []) == 0)
        }

        @Test func percentageOfMatches() throws {
            #expect(try Self.accumulate("percentage(count(*), WHERE outcome = 'FAILED')", Self.calls) == 25)
            #expect(try Self.accumulate("percentage(count(*), WHERE outcome != 'FAILED')", Self.calls) == 75)
            #expect(try Self.accumulate("percentage(count(*), WHERE outcome = 'FAILED')", []) == 0)
        }

        @Test func valueAggregatesReadNumbersAndNumericStrings() throws {
            #expect(try Self.accumulate("average(d)", Self.calls) == 15)
            #expect(try Self.accumulate("min(d)", Self.calls) == 10)
            #expect(try Self.accumulate("max(d)", Self.calls) == 20)
            #expect(try Self.accumulate("sum(d)", Self.calls) == 30)
            #expect(try Self.accumulate("sum(d)", Self.durations([-2.5, 1])) == -1.5)
            for function in ["average", "min", "max", "sum", "percentile"] {
                let select = function == "percentile" ? "percentile(d, 50)" : "\(function)(d)"
                #expect(try Self.accumulate(select, []) == nil)
                #expect(try Self.accumulate(select, [["outcome": .string("OK")]]) == nil)
            }
        }

        @Test func percentileIsNearestRankWhileExact() throws {
            let values = Self.durations((1...100).map(Double.init).shuffled())
            #expect(try Self.accumulate("percentile(d, 95)", values) == 95)
            #expect(try Self.accumulate("percentile(d, 50)", values) == 50)
            #expect(try Self.accumulate("percentile(d, 100)", values) == 100)
            #expect(try Self.accumulate("percentile(d, 0)", values) == 1)
            #expect(try Self.accumulate("percentile(d, 50)", Self.durations([-3, -1.5, 0.25])) == -1.5)
        }

        /// Past the exact limit the sketch answers within HdrHistogram's ~1%, for fractions,
        /// zeros and negatives alike.
        @Test func percentileSketchStaysWithinOnePercent() throws {
            var generator = SplitMix64(seed: 7)
            var values: [Double] = []
            for _ in 0..<50_000 {
                values.append(Double(generator.int(-20_000...80_000)) / 100)
            }
            values += Array(repeating: 0, count: 500)
            let sorted = values.sorted()
            for rank in [1.0, 10, 25, 50, 90, 95, 99, 99.9] {
                let exact = sorted[Int((rank / 100 * Double(sorted.count)).rounded(.up)) - 1]
                let estimate = try #require(try Self.accumulate("percentile(d, \(rank))", Self.durations(values)))
                #expect(abs(estimate - exact) <= max(abs(exact) * 0.01, 0.01), "p\(rank): \(estimate) vs \(exact)")
            }
        }

        @Test func uniqueCountIsExactThenEstimated() throws {
            let repeated: [NRQLAttributes] = ["a", "b", "a", "c"].map { ["biller": .string($0)] } + [["other": .number(1)]]
            #expect(try Self.accumulate("uniqueCount(biller)", repeated) == 3)
            #expect(try Self.accumulate("uniqueCount(biller)", [["other": .number(1)]]) == 0)
            #expect(try Self.accumulate("uniqueCount(biller)", []) == nil)
            // Exact up to the limit (each value twice), estimated past it.
            let distinct = (0..<3_072).map { ["biller": .string("biller-\($0 % 1_536)")] as NRQLAttributes }
            #expect(try Self.accumulate("uniqueCount(biller)", distinct) == 1_536)
            let past = (0..<5_000).map { ["biller": .string("biller-\($0)")] as NRQLAttributes }
            let pastEstimate = try #require(try Self.accumulate("uniqueCount(biller)", past))
            #expect(abs(pastEstimate - 5_000) < 75, "\(pastEstimate)")
            let many = (0..<100_000).map { ["biller": .number(Double($0))] as NRQLAttributes }
            let estimate = try #require(try Self.accumulate("uniqueCount(biller)", many))
            #expect(abs(estimate - 100_000) < 3_000, "\(estimate)")
        }

        /// Splitting the records across accumulators and merging gives the same value.
        @Test(arguments: ["count(*)", "filter(count(*), WHERE d > 500)", "percentage(count(*), WHERE d > 500)",
                          "average(d)", "min(d)", "max(d)", "sum(d)", "percentile(d, 95)", "uniqueCount(d)"])
        func mergeMatchesOneAccumulator(select: String) throws {
            let query = try NRQLQuery.parse("SELECT \(select) FROM Log", condition: "t")
            for count in [100, 3_000, 30_000] {
                let records = Self.durations((0..<count).map { Double($0 % 1_000) })
                var whole = NRQLAccumulator(query.aggregate)
                var left = NRQLAccumulator(query.aggregate)
                var right = NRQLAccumulator(query.aggregate)
                for (index, record) in records.enumerated() {
                    whole.add(record)
                    if index % 3 == 0 { left.add(record) } else { right.add(record) }
                }
                left.merge(right)
                let merged = try #require(left.value), single = try #require(whole.value)
                #expect(abs(merged - single) <= abs(single) * 0.01, "\(select), \(count) records")
                #expect(left.recordCount == whole.recordCount)
            }
        }
    }
}
