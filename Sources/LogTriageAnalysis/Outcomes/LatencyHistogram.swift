import Histogram

/// Streaming latency percentiles in whole milliseconds, with constant memory per instance
/// however many records feed it (HdrHistogram, 2 significant digits, so p95 of 1,234 ms is
/// exact to within about 1%).
///
/// The backing histogram is created on the first value: most (biller, source) pairs and
/// services without `durationMs` then cost nothing.
public struct LatencyHistogram: Sendable, Codable {
    /// Values are clamped to this range: a histogram needs a fixed top, and a call longer than
    /// an hour is reported as an hour rather than dropped.
    public static let range: ClosedRange<UInt64> = 1...3_600_000

    private var histogram: Histogram<UInt64>?

    public init() {}

    /// How many durations were recorded.
    public var count: UInt64 { histogram?.totalCount ?? 0 }

    /// Records one duration; NaN and infinite values are ignored, others rounded and clamped.
    public mutating func record(milliseconds: Double) {
        guard milliseconds.isFinite else { return }
        let rounded = milliseconds.rounded()
        let value: UInt64 = rounded <= Double(Self.range.lowerBound) ? Self.range.lowerBound
            : rounded >= Double(Self.range.upperBound) ? Self.range.upperBound : UInt64(rounded)
        if histogram == nil {
            histogram = Histogram(lowestDiscernibleValue: 1, highestTrackableValue: Self.range.upperBound,
                                  numberOfSignificantValueDigits: .two)
        }
        histogram?.record(value)
    }

    /// The value at `percentile` (0–100), nil when nothing was recorded.
    public func value(atPercentile percentile: Double) -> UInt64? {
        guard let histogram, histogram.totalCount > 0 else { return nil }
        return histogram.valueAtPercentile(percentile)
    }

    /// p50, p95 and p99 as CSV fields: whole numbers, empty when nothing was recorded.
    package var percentileFields: [String] {
        [50, 95, 99].map { value(atPercentile: $0).map(String.init) ?? "" }
    }

    public mutating func merge(_ other: LatencyHistogram) {
        guard let theirs = other.histogram else { return }
        if histogram == nil { histogram = theirs } else { histogram?.add(theirs) }
    }
}
