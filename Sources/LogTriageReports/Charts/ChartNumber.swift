/// Number text for charts, written with integer arithmetic so the bytes do not depend on the
/// locale, the platform's `printf` or the order values were summed in.
enum ChartNumber {
    /// A coordinate with at most one decimal (`12`, `12.5`, `-3.2`); non-finite values read 0
    /// and magnitudes are capped at 10⁹, far outside any chart, so the conversion cannot trap.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((min(max(value, -1e9), 1e9) * 10).rounded())
        if tenths == 0 { return "0" }
        let magnitude = tenths.magnitude
        let sign = tenths < 0 ? "-" : ""
        let fraction = magnitude % 10
        return sign + String(magnitude / 10) + (fraction == 0 ? "" : "." + String(fraction))
    }

    /// A value people read (a threshold, an axis tick): up to three decimals, trailing zeros
    /// dropped (`0.05`, `1200`, `2.5`); beyond 10¹² Swift's shortest round-trip form.
    static func value(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        guard value.magnitude < 1e12 else { return value.description }
        let thousandths = Int((value * 1000).rounded())
        if thousandths == 0 { return "0" }
        let magnitude = thousandths.magnitude
        var text = (thousandths < 0 ? "-" : "") + String(magnitude / 1000)
        var fraction = magnitude % 1000
        if fraction != 0 {
            var digits = 3
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            let part = String(fraction)
            text += "." + String(repeating: "0", count: digits - part.count) + part
        }
        return text
    }
}
