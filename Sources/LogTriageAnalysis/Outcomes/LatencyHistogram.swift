import Histogram
import LogTriageBasics

/// Streaming latency percentiles in whole milliseconds, with constant memory per instance
/// however many records feed it (HdrHistogram, 2 significant digits, so p95 of 1,234 ms is
/// exact to within about 1%).
///
/// The backing histogram is created with the first durations: most (biller, source) pairs and
/// services without `durationMs` then cost nothing.
public struct LatencyHistogram: Sendable {
    /// Values are clamped to this range: a histogram needs a fixed top, and a call longer than
    /// an hour is reported as an hour rather than dropped.
    public static let range: ClosedRange<UInt64> = 1...3_600_000

    private var histogram: Histogram<UInt64>?
    /// Durations not yet in `histogram`, recorded there ``pendingLimit`` at a time.
    ///
    /// A histogram's counters span 16 KB, and a week holds one per (biller, source) pair,
    /// each touched in turn as records come: between two records of a pair, the stream of
    /// records had pushed its counter out of the cache, and the increment waited on memory
    /// (four fifths of `record`'s samples, about 3.5% of a run's, on that one instruction).
    /// Kept here, each duration goes where the last one went, and a batch is recorded at once,
    /// fetching each counter it touches once for many durations.
    private var pending: [UInt64] = []
    private static let pendingLimit = 256

    public init() {}

    /// How many durations were recorded.
    public var count: UInt64 { (histogram?.totalCount ?? 0) + UInt64(pending.count) }

    /// Records one duration; NaN and infinite values are ignored, others rounded and clamped.
    public mutating func record(milliseconds: Double) {
        guard milliseconds.isFinite else { return }
        let rounded = milliseconds.rounded()
        let value: UInt64 = rounded <= Double(Self.range.lowerBound) ? Self.range.lowerBound
            : rounded >= Double(Self.range.upperBound) ? Self.range.upperBound : UInt64(rounded)
        pending.append(value)
        if pending.count >= Self.pendingLimit { recordPending() }
    }

    /// Moves the pending durations into the histogram (made on the first).
    private mutating func recordPending() {
        guard !pending.isEmpty else { return }
        // Taken out while it grows, so that it is the only reference to its counters and
        // records in place.
        var histogram = self.histogram ?? Histogram(lowestDiscernibleValue: 1, highestTrackableValue: Self.range.upperBound,
                                                    numberOfSignificantValueDigits: .two)
        self.histogram = nil
        for value in pending { histogram.record(value) }
        self.histogram = histogram
        pending.removeAll(keepingCapacity: true)
    }

    /// The histogram of every duration recorded, the pending ones included; nil before the first.
    private var recorded: Histogram<UInt64>? {
        guard !pending.isEmpty else { return histogram }
        var copy = self
        copy.recordPending()
        return copy.histogram
    }

    /// The value at `percentile` (0–100), nil when nothing was recorded.
    public func value(atPercentile percentile: Double) -> UInt64? {
        guard let histogram = recorded, histogram.totalCount > 0 else { return nil }
        return histogram.valueAtPercentile(percentile)
    }

    /// p50, p95 and p99 as CSV fields: whole numbers, empty when nothing was recorded.
    package var percentileFields: [String] {
        [50, 95, 99].map { value(atPercentile: $0).map(String.init) ?? "" }
    }

    public mutating func merge(_ other: LatencyHistogram) {
        guard let theirs = other.recorded else { return }
        if case .none = histogram { histogram = theirs } else { histogram?.add(theirs) }
    }
}

/// A partial run's histogram, compactly: its non-empty buckets (a value in each, and the
/// count, as one flat list) with the smallest and largest value recorded, which percentiles are clamped to.
/// Recording them again gives the same buckets and bounds, so the same percentiles.
extension LatencyHistogram: Codable {
    private enum CodingKeys: String, CodingKey { case buckets, min, max }

    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        guard let histogram = recorded, histogram.totalCount > 0 else { return }
        // One string of numbers (``CompactIntegers``): a merge decodes every biller's histogram.
        try values.encode(CompactIntegers.encode(histogram.recordedValues().flatMap { [Int64($0.value), Int64($0.count)] }),
                          forKey: .buckets)
        try values.encode(histogram.min, forKey: .min)
        try values.encode(histogram.maxRecorded, forKey: .max)
    }

    public init(from decoder: any Decoder) throws {
        self.init()
        let values = try decoder.container(keyedBy: CodingKeys.self)
        guard let text = try values.decodeIfPresent(String.self, forKey: .buckets) else { return }
        guard let flat = CompactIntegers.decode(text)?.map({ UInt64(clamping: $0) }), flat.count % 2 == 0 else {
            throw DecodingError.dataCorruptedError(forKey: .buckets, in: values, debugDescription: "buckets are value, count pairs")
        }
        let smallest = try values.decode(UInt64.self, forKey: .min), largest = try values.decode(UInt64.self, forKey: .max)
        var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: Self.range.upperBound,
                                          numberOfSignificantValueDigits: .two)
        // The bounds' buckets once, not for every bucket: a merge decodes every biller's histogram.
        let smallestBucket = histogram.lowestEquivalentForValue(smallest)
        let largestBucket = histogram.lowestEquivalentForValue(largest)
        for start in stride(from: 0, to: flat.count, by: 2) {
            let bucket = (flat[start], flat[start + 1])
            guard bucket.1 > 0 else {
                throw DecodingError.dataCorruptedError(forKey: .buckets, in: values, debugDescription: "a bucket is [value, count]")
            }
            // The buckets of the smallest and largest values are recorded at those values.
            var value = bucket.0
            let valueBucket = histogram.lowestEquivalentForValue(value)
            if valueBucket == smallestBucket { value = smallest }
            if valueBucket == largestBucket { value = largest } // smallest, if set above, has the same bucket
            if smallestBucket == largestBucket, bucket.1 > 1, smallest != largest {
                _ = histogram.record(smallest)
                _ = histogram.record(largest, count: bucket.1 - 1)
                continue
            }
            _ = histogram.record(value, count: bucket.1)
        }
        self.histogram = histogram
    }
}
