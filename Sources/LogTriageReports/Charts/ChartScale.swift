/// A linear value axis whose ends and ticks fall on round numbers (1, 2 or 5 × 10ⁿ), so a
/// reader can judge a bar or a line at a glance.
struct ChartScale: Sendable, Equatable {
    /// The value at the bottom of the plot: 0, or a multiple of `step` below the lowest value
    /// when values go negative.
    var lower: Double
    /// The value at the top of the plot: the first multiple of `step` at or above the maximum.
    var upper: Double
    var step: Double

    /// A scale covering 0, `minimum` and `maximum` with about `tickCount` intervals; `integral`
    /// keeps steps whole (counts never read 0.5). An empty range (all zero) reads 0…1.
    init(minimum: Double, maximum: Double, tickCount: Int = 4, integral: Bool) {
        let low = min(0, minimum.isFinite ? minimum : 0)
        var high = max(0, maximum.isFinite ? maximum : 0)
        if high <= low { high = low + 1 }
        var step = Self.roundStep((high - low) / Double(max(1, tickCount)))
        if integral { step = max(1, step.rounded(.up)) }
        self.step = step
        self.lower = (low / step).rounded(.down) * step
        let upper = (high / step).rounded(.up) * step
        self.upper = upper > lower ? upper : lower + step
    }

    /// The tick values from `lower` to `upper`, computed by index so no rounding error builds up.
    var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded())
        return (0...max(0, count)).map { lower + Double($0) * step }
    }

    /// Where `value` falls between `bottom` (at `lower`) and `top` (at `upper`) in pixels.
    func position(of value: Double, bottom: Double, top: Double) -> Double {
        bottom - (value - lower) / (upper - lower) * (bottom - top)
    }

    /// The 1, 2 or 5 × 10ⁿ at or above `raw`, found by multiplying rather than with `log10`
    /// and `pow`, whose last bits may differ between C libraries.
    static func roundStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= raw && magnitude < 1e300 { magnitude *= 10 }
        while magnitude > raw && magnitude > 1e-300 { magnitude /= 10 }
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= raw { return factor * magnitude }
        return 10 * magnitude
    }
}
