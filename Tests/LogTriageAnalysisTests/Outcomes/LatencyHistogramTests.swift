import Foundation
import Histogram
import Testing
@testable import LogTriageBasics
@testable import LogTriageAnalysis
import LogTriageTestSupport

extension Outcomes {
    /// Durations wait in a small batch before they reach the histogram: whatever the count,
    /// on either side of a batch, what can be read of it is what recording each at once gives.
    @Suite struct LatencyHistogramTests {
        /// Durations from 0.2 ms to past the one-hour top, most of them a few hundred ms.
        static func durations(_ count: Int, seed: UInt64) -> [Double] {
            var generator = SplitMix64(seed: seed)
            return (0..<count).map { _ in
                Double.random(in: 0.2...3.0, using: &generator) < 2.8
                    ? Double.random(in: 50...2_000, using: &generator).rounded()
                    : exp(Double.random(in: -1.6...16, using: &generator))
            }
        }

        /// The reference: each duration recorded in an HdrHistogram as it comes, rounded and
        /// clamped as `LatencyHistogram` documents.
        static func direct(_ durations: [Double]) -> [String] {
            var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: LatencyHistogram.range.upperBound,
                                              numberOfSignificantValueDigits: .two)
            for duration in durations where duration.isFinite {
                let rounded = duration.rounded()
                _ = histogram.record(rounded <= 1 ? 1 : rounded >= Double(LatencyHistogram.range.upperBound)
                                     ? LatencyHistogram.range.upperBound : UInt64(rounded))
            }
            return [String(histogram.totalCount)] + stride(from: 0.0, through: 100, by: 2.5).map { percentile in
                String(describing: histogram.totalCount == 0 ? nil : histogram.valueAtPercentile(percentile))
            }
        }

        /// What a report can read: the count and the percentiles from 0 to 100.
        static func readings(_ histogram: LatencyHistogram) -> [String] {
            [String(histogram.count)]
                + stride(from: 0.0, through: 100, by: 2.5).map { String(describing: histogram.value(atPercentile: $0)) }
        }

        @Test("batched, the same count and percentiles as recording each at once, also read back from a partial",
              arguments: [0, 1, 2, 255, 256, 257, 511, 512, 513, 1_000, 5_000])
        func batchedEqualsDirect(count: Int) throws {
            for seed in UInt64(1)...4 {
                let durations = Self.durations(count, seed: seed)
                var batched = LatencyHistogram()
                for duration in durations { batched.record(milliseconds: duration) }
                let expected = Self.direct(durations)
                #expect(Self.readings(batched) == expected, "count \(count), seed \(seed)")
                let decoded = try JSONDecoder().decode(LatencyHistogram.self, from: JSONEncoder().encode(batched))
                #expect(Self.readings(decoded) == expected, "count \(count), seed \(seed)")
                // Reading changes nothing: the same again, and recording on gives what it would have.
                #expect(Self.readings(batched) == expected)
                let more = Self.durations(300, seed: seed + 100)
                for duration in more { batched.record(milliseconds: duration) }
                #expect(Self.readings(batched) == Self.direct(durations + more))
            }
        }

        @Test("two halves merged, each with durations still waiting, equal one pass")
        func halvesMerged() throws {
            for split in [0, 1, 100, 256, 300, 700] {
                let durations = Self.durations(900, seed: UInt64(split) + 7)
                var first = LatencyHistogram(), second = LatencyHistogram(), whole = LatencyHistogram()
                for (index, duration) in durations.enumerated() {
                    whole.record(milliseconds: duration)
                    if index < split { first.record(milliseconds: duration) } else { second.record(milliseconds: duration) }
                }
                first.merge(second)
                #expect(Self.readings(first) == Self.readings(whole), "split \(split)")
                #expect(Self.readings(first) == Self.direct(durations), "split \(split)")
            }
        }
    }
}
