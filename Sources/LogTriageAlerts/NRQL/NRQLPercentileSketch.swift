import Histogram

/// Streaming percentiles of arbitrary doubles (fractions and negatives included) in bounded
/// memory.
///
/// Exact while a window holds at most `exactLimit` values (most alert windows): nearest-rank
/// percentile of the sorted values, so p95 of 1…100 is 95. Beyond that the values move to
/// HdrHistogram, which only records positive integers: magnitudes are scaled by
/// `scale` (so three decimals survive), negatives go to a second histogram, and values that
/// round to 0 are counted apart. Two significant digits keep each histogram within tens of
/// kilobytes and the answer within about 1%; magnitudes above `largest` are clamped to it.
struct NRQLPercentileSketch: Sendable, Codable {
    static let exactLimit = 2_048
    static let scale = 1_000.0
    static let largest = 1e12

    private var exact: [Double] = []
    /// The histograms, once the values outgrow `exact`: none or one, held in an array so that
    /// a sketch that never spills (nearly every window's) carries 8 bytes for them rather than
    /// two histograms' fields. Every window of every condition holds a sketch's room.
    private var spilled: [Spill] = []

    private struct Spill: Sendable, Codable {
        var positive: Histogram<UInt64>?
        var negative: Histogram<UInt64>?
        var zeros: UInt64 = 0
    }

    private var inHistograms: Bool { !spilled.isEmpty }
    private var positive: Histogram<UInt64>? { spilled.first?.positive }
    private var negative: Histogram<UInt64>? { spilled.first?.negative }
    private var zeros: UInt64 { spilled.first?.zeros ?? 0 }

    /// How many values were recorded.
    var count: UInt64 {
        inHistograms ? (positive?.totalCount ?? 0) + (negative?.totalCount ?? 0) + zeros : UInt64(exact.count)
    }

    mutating func record(_ value: Double) {
        guard value.isFinite else { return }
        if inHistograms {
            recordInHistograms(value)
        } else {
            exact.append(value)
            if exact.count > Self.exactLimit { moveToHistograms() }
        }
    }

    private mutating func moveToHistograms() {
        spilled = [Spill()]
        recordInHistograms(exact)
        exact = []
    }

    private mutating func recordInHistograms(_ value: Double) {
        Self.record(value, into: &spilled[0])
    }

    /// Records many values with the histograms taken out of the array once, rather than
    /// reached through it for each value.
    private mutating func recordInHistograms(_ values: [Double]) {
        var spill = spilled[0]
        spilled[0] = Spill()
        for value in values { Self.record(value, into: &spill) }
        spilled[0] = spill
    }

    private static func record(_ value: Double, into spill: inout Spill) {
        let scaled = (min(abs(value), Self.largest) * Self.scale).rounded()
        guard scaled >= 1 else { spill.zeros += 1; return }
        if value > 0 {
            record(UInt64(scaled), in: &spill.positive)
        } else {
            record(UInt64(scaled), in: &spill.negative)
        }
    }

    /// Records into `histogram` in place, making it first when there is none. Not
    /// `histogram == nil`: Histogram is Equatable, and that comparison copied it on every value
    /// (a sliding window merges every value of its steps).
    private static func record(_ value: UInt64, in histogram: inout Histogram<UInt64>?) {
        if case .none = histogram { histogram = Self.histogram() }
        _ = histogram!.record(value)
    }

    private static func histogram() -> Histogram<UInt64> {
        Histogram(numberOfSignificantValueDigits: .two)
    }

    /// Bytes the sketch holds beyond its own fields, as a function of what it recorded alone
    /// (not of the order), and never less after another value or a merge, as the replay's
    /// memory budget needs (``WindowStorageCost``): the exact values in an array grown by
    /// doubling, then the histograms, each as long as its largest value makes it (HdrHistogram
    /// grows 128 counters at a time) and charged no less than the fullest array before them.
    var storageBytes: Int {
        guard let spill = spilled.first else { return Self.arrayBytes(exact.count) }
        let positive = spill.positive.map { Self.histogramBytes(largest: $0.maxRecorded) } ?? 0
        let negative = spill.negative.map { Self.histogramBytes(largest: $0.maxRecorded) } ?? 0
        return max(Self.arrayBytes(Self.exactLimit), 32 + positive + negative)
    }

    private static func arrayBytes(_ count: Int) -> Int {
        guard count > 0 else { return 0 }
        var capacity = 1
        while capacity < count { capacity *= 2 }
        return 32 + capacity * MemoryLayout<Double>.stride
    }

    /// A histogram of two significant digits from 1 up: 256 counters below 256, then 128 more
    /// for each doubling of the largest value, 8 bytes each, and its fields.
    private static func histogramBytes(largest: UInt64) -> Int {
        let buckets = max(1, largest.bitWidth - largest.leadingZeroBitCount - 7)
        return 512 + (buckets + 1) * 128 * MemoryLayout<UInt64>.stride
    }

    /// The value at `percentile` (0–100), nil when nothing was recorded.
    func value(atPercentile percentile: Double) -> Double? {
        let total = count
        guard total > 0 else { return nil }
        let rank = max(1, min(total, UInt64((percentile / 100 * Double(total)).rounded(.up))))
        guard inHistograms else { return exact.sorted()[Int(rank) - 1] }
        let negatives = negative?.totalCount ?? 0
        if rank <= negatives, let negative {
            // The rank-th smallest negative is the (negatives - rank + 1)-th smallest magnitude.
            return -Self.value(in: negative, rank: negatives - rank + 1)
        }
        if rank <= negatives + zeros { return 0 }
        guard let positive else { return 0 }
        return Self.value(in: positive, rank: rank - negatives - zeros)
    }

    private static func value(in histogram: Histogram<UInt64>, rank: UInt64) -> Double {
        let percentile = Double(rank) / Double(histogram.totalCount) * 100
        return Double(histogram.valueAtPercentile(percentile)) / scale
    }

    mutating func merge(_ other: NRQLPercentileSketch) {
        if !inHistograms, !other.inHistograms, exact.count + other.exact.count <= Self.exactLimit {
            exact += other.exact
            return
        }
        if !inHistograms { moveToHistograms() }
        if other.inHistograms {
            spilled[0].zeros += other.zeros
            if let theirs = other.positive {
                if case .none = spilled[0].positive { spilled[0].positive = theirs } else { spilled[0].positive!.add(theirs) }
            }
            if let theirs = other.negative {
                if case .none = spilled[0].negative { spilled[0].negative = theirs } else { spilled[0].negative!.add(theirs) }
            }
        } else {
            recordInHistograms(other.exact)
        }
    }
}
