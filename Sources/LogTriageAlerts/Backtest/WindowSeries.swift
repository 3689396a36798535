/// One signal of a condition (one facet value) as aggregated values per tumbling window: the
/// backtest's input, computed by the caller from the records the condition's NRQL matches.
public struct WindowSeries: Sendable, Equatable {
    /// The condition's aggregation window; windows are aligned to the epoch.
    public var windowSeconds: Int
    /// Window start (epoch seconds, a multiple of `windowSeconds`) → the window's aggregate.
    public var values: [Int64: Double]
    /// True for `count(*)` and `filter(…)`: a window without matching records reads 0, so
    /// every window of the analysed range exists. False for the other functions (`average`,
    /// `percentage`, `max`, …): such a window has no value and is left out of the sequence
    /// altogether, so it neither breaches, nor closes an incident, nor breaks a run.
    public var zeroWhenEmpty: Bool

    public init(windowSeconds: Int, values: [Int64: Double] = [:], zeroWhenEmpty: Bool) {
        self.windowSeconds = windowSeconds
        self.values = values
        self.zeroWhenEmpty = zeroWhenEmpty
    }

    /// The start (epoch seconds) of the window holding `second`; rounds down, also before 1970.
    @inlinable
    public static func windowStart(ofSecond second: Int64, windowSeconds: Int) -> Int64 {
        let window = Int64(windowSeconds)
        let remainder = second % window
        return remainder < 0 ? second - remainder - window : second - remainder
    }

    /// The start (epoch seconds) of the window holding the epoch-milliseconds `timestamp`.
    @inlinable
    public static func windowStart(ofMilliseconds timestamp: Int64, windowSeconds: Int) -> Int64 {
        let second = timestamp >= 0 ? timestamp / 1000 : -((-timestamp + 999) / 1000)
        return windowStart(ofSecond: second, windowSeconds: windowSeconds)
    }
}
