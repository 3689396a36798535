/// Time-of-day and day-of-week shape of user-driven traffic (US customers, so the UTC
/// peak is in the afternoon and evening), and per-minute volumes derived from it.
enum SampleTraffic {
    /// Relative load per UTC hour on a weekday.
    static let hourWeights: [Double] = [
        0.55, 0.45, 0.35, 0.28, 0.22, 0.20, 0.20, 0.22, 0.30, 0.40, 0.55, 0.70,
        0.85, 0.95, 1.00, 1.00, 1.00, 0.98, 0.95, 0.90, 0.85, 0.80, 0.72, 0.65,
    ]
    /// Saturday and Sunday carry this share of a weekday's load.
    static let weekendFactor = 0.6

    /// Relative user traffic at `time` (1 at the weekday peak).
    static func userLoad(at time: Int64) -> Double {
        let weekday = SampleTime.weekday(time)
        let base = hourWeights[SampleTime.hourOfDay(time)]
        return weekday >= 5 ? base * weekendFactor : base
    }
}
