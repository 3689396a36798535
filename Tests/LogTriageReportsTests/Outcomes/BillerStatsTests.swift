import Foundation
import Testing
@testable import LogTriageAnalysis
@testable import LogTriageReports
@testable import LogTriageBasics
import LogTriageTestSupport

extension Outcomes {
    @Suite struct BillerStatsTests {
        static let day = 20_400
        static let time = Int64(day) * 86_400_000 + 3_600_000

        static func call(_ biller: String?, _ source: String?, failed: Bool, outcome: String? = nil,
                         durationMs: Double? = nil, day: Int = BillerStatsTests.day) -> RecordFacts {
            RecordFacts(time: Int64(day) * 86_400_000 + 1000, service: "billing", billerId: biller, sourceId: source,
                        isError: failed, outcome: outcome, durationMs: durationMs)
        }

        /// A hand-made set covering outcome versus level, a missing source, no durations, ties.
        static func handMade() -> BillerStats {
            var stats = BillerStats()
            let records = [
                call("b1", "s1", failed: false, outcome: "ok", durationMs: 10),
                call("b1", "s1", failed: false, outcome: "FAILED", durationMs: 20),
                call("b1", "s1", failed: true, durationMs: 30),
                call("b1", "s1", failed: true, outcome: "success", durationMs: 40),
                call("b1", nil, failed: true),
                call("b1", nil, failed: false),
                call("b2", "s2", failed: false, durationMs: 5),
                call("b2", "s2", failed: false, durationMs: 5),
                call("b2", "s2", failed: false, durationMs: 5),
                call("b0", "s0", failed: false),
                call("b0", "s0", failed: false),
                call("b0", "s0", failed: false),
                call("b3", "s1", failed: true),
                call(nil, "s1", failed: true), // not a biller call
            ]
            for record in records { stats.consume(record) }
            return stats
        }

        @Test("billers.csv rows, with a stale failure moved out of the recent ones")
        func exactRows() {
            var stats = Self.handMade()
            let moved1 = stats.markStale(billerId: "b1", sourceId: "s1", day: Self.day)
            #expect(moved1)
            let table = BillersTable.table(for: stats)
            #expect(table.header.joined(separator: ",")
                == "biller_id,source_id,records,success,failure,stale_failure,recent_failure,failure_ratio,recent_failure_ratio,p50_ms,p95_ms,p99_ms")
            #expect(table.rendered() == """
                biller_id,source_id,records,success,failure,stale_failure,recent_failure,failure_ratio,recent_failure_ratio,p50_ms,p95_ms,p99_ms
                b3,s1,1,0,1,0,1,1.0000,1.0000,,,
                b1,(none),2,1,1,0,1,0.5000,0.5000,,,
                b1,s1,4,2,2,1,1,0.5000,0.2500,20,40,40
                b0,s0,3,3,0,0,0,0.0000,0.0000,,,
                b2,s2,3,3,0,0,0,0.0000,0.0000,5,5,5

                """)
        }

        @Test("marking stale never exceeds the failures and updates the day")
        func staleBounds() {
            var stats = Self.handMade()
            let key = BillerKey(billerId: "b1", sourceId: "s1")
            let moved2 = stats.markStale(billerId: "b1", sourceId: "s1", day: Self.day)
            #expect(moved2)
            let moved3 = stats.markStale(billerId: "b1", sourceId: "s1", day: nil)
            #expect(moved3)
            let moved4 = stats.markStale(billerId: "b1", sourceId: "s1", day: Self.day)
            #expect(!moved4)
            let moved5 = stats.markStale(billerId: "nobody", sourceId: nil, day: nil)
            #expect(!moved5)
            let moved6 = stats.markStale(billerId: "b2", sourceId: "s2", day: nil)
            #expect(!moved6)
            #expect(stats.pairs[key]?.staleFailures == 2)
            #expect(stats.pairs[key]?.recentFailures == 0)
            #expect(stats.pairs[key]?.daily[Self.day] == DailyOutcomes(records: 4, failures: 2, staleFailures: 1))
            let moved7 = stats.markStale(billerId: "b1", sourceId: nil, day: Self.day)
            #expect(moved7)
            #expect(stats.pairs[BillerKey(billerId: "b1", sourceId: nil)]?.staleFailures == 1)
        }

        @Test("per-day figures per pair and in total")
        func daily() {
            var stats = BillerStats()
            stats.consume(Self.call("b", "s", failed: true, day: 10))
            stats.consume(Self.call("b", "s", failed: false, day: 10))
            stats.consume(Self.call("b", "s", failed: true, day: 11))
            stats.consume(Self.call("c", nil, failed: true, day: 11))
            var untimed = Self.call("b", "s", failed: true)
            untimed.time = nil
            stats.consume(untimed)
            let figures = stats.pairs[BillerKey(billerId: "b", sourceId: "s")]
            #expect(figures?.records == 4)
            #expect(figures?.daily == [10: DailyOutcomes(records: 2, failures: 1), 11: DailyOutcomes(records: 1, failures: 1)])
            #expect(stats.dailyTotals == [10: DailyOutcomes(records: 2, failures: 1), 11: DailyOutcomes(records: 2, failures: 2)])
        }

        @Test("percentiles of 1…100 ms are 50, 95 and 99 within the histogram's precision")
        func percentiles() {
            var stats = BillerStats()
            for duration in (1...100).shuffled() {
                stats.consume(Self.call("b", "s", failed: false, durationMs: Double(duration)))
            }
            let latency = stats.pairs[BillerKey(billerId: "b", sourceId: "s")]!.latency
            let p50 = latency.value(atPercentile: 50)!, p95 = latency.value(atPercentile: 95)!
            let p99 = latency.value(atPercentile: 99)!
            #expect((49...51).contains(p50))
            #expect((94...96).contains(p95))
            #expect((98...100).contains(p99))
            #expect(BillersTable.table(for: stats).rows[0].suffix(3) == ["50", "95", "99"])
        }

        @Test("large durations keep two significant digits; out-of-range ones are clamped")
        func clamping() {
            var latency = LatencyHistogram()
            for duration in stride(from: 1_000.0, through: 100_000, by: 1_000) { latency.record(milliseconds: duration) }
            let p95 = Double(latency.value(atPercentile: 95)!)
            #expect(abs(p95 - 95_000) / 95_000 < 0.01)

            var extremes = LatencyHistogram()
            extremes.record(milliseconds: 0.2)
            extremes.record(milliseconds: -5)
            extremes.record(milliseconds: .nan)
            #expect(extremes.count == 2)
            #expect(extremes.value(atPercentile: 50) == 1)
            extremes.record(milliseconds: 99_000_000)
            let top = Double(extremes.value(atPercentile: 100)!)
            #expect(abs(top - 3_600_000) / 3_600_000 < 0.01)
        }

        @Test("a partial's histogram decodes to the same percentiles; damaged buckets are refused")
        func codableRoundTrip() throws {
            var latency = LatencyHistogram()
            for duration in [0.4, 3, 3, 17, 250, 1_234, 1_250, 99_000, 3_599_999, 9e9] { latency.record(milliseconds: duration) }
            let decoded = try JSONDecoder().decode(LatencyHistogram.self, from: JSONEncoder().encode(latency))
            #expect(decoded.count == latency.count)
            for percentile in stride(from: 0.0, through: 100, by: 2.5) {
                #expect(decoded.value(atPercentile: percentile) == latency.value(atPercentile: percentile), "p\(percentile)")
            }
            #expect(try JSONDecoder().decode(LatencyHistogram.self, from: JSONEncoder().encode(LatencyHistogram())).count == 0)
            for buckets in ["\"not base64!\"", "\"gA==\"", "\"AQ==\""] {   // not base64; a number cut short; one lone number
                #expect(throws: DecodingError.self) {
                    try JSONDecoder().decode(LatencyHistogram.self, from: Data("{\"buckets\":\(buckets),\"min\":1,\"max\":1}".utf8))
                }
            }
        }

        @Test("merging two halves equals consuming everything")
        func merge() {
            let all = Self.handMade()
            var first = BillerStats(), second = BillerStats()
            var index = 0
            var whole = BillerStats()
            for duration in 1...40 {
                let record = Self.call("b\(duration % 3)", duration % 2 == 0 ? "s" : nil, failed: duration % 5 == 0,
                                       durationMs: Double(duration), day: duration % 4)
                whole.consume(record)
                if index % 2 == 0 { first.consume(record) } else { second.consume(record) }
                index += 1
            }
            first.merge(second)
            #expect(BillersTable.table(for: first).rendered() == BillersTable.table(for: whole).rendered())
            #expect(first.dailyTotals == whole.dailyTotals)
            var empty = BillerStats()
            empty.merge(all)
            #expect(BillersTable.table(for: empty).rendered() == BillersTable.table(for: all).rendered())
        }
    }
}
