/// The sample generator's own seeded random source: xoshiro256** seeded through SplitMix64.
///
/// Written out here (instead of `SystemRandomNumberGenerator` or the standard library's
/// `random(in:using:)`, whose algorithms may change between Swift releases) so that the
/// same seed gives byte-identical samples on every platform and toolchain.
struct SampleRandom {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator for one independent `stream` (a service, a file) of run `seed`.
    init(seed: UInt64, stream: UInt64) {
        var state = seed ^ (stream &* 0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03
        s0 = SampleRandom.splitMix(&state)
        s1 = SampleRandom.splitMix(&state)
        s2 = SampleRandom.splitMix(&state)
        s3 = SampleRandom.splitMix(&state)
    }

    /// A stateless hash of `values` (SplitMix64 finaliser), for properties that must not
    /// depend on generation order, such as an account's open invoices.
    static func hash(_ a: UInt64, _ b: UInt64, _ c: UInt64 = 0) -> UInt64 {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D ^ a
        _ = splitMix(&state)
        state ^= b
        _ = splitMix(&state)
        state ^= c
        return splitMix(&state)
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniform integer in `0..<bound` (`bound` > 0), by multiply-high (Lemire, no rejection:
    /// the bias is below 2^-40 for the small bounds used here).
    mutating func below(_ bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform double in `[0, 1)`.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// An element of `values` (non-empty).
    mutating func pick<T>(_ values: [T]) -> T {
        values[below(values.count)]
    }

    /// An index drawn from cumulative weights (last element is the total).
    mutating func weighted(_ cumulative: [Double]) -> Int {
        let target = unit() * cumulative[cumulative.count - 1]
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// A count whose mean is `mean`: the integer part plus one more with the fraction's probability.
    mutating func count(mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        let whole = mean.rounded(.down)
        return Int(whole) + (chance(mean - whole) ? 1 : 0)
    }
}
