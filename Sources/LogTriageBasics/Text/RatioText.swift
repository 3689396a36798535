/// A count over a total as text with four decimals (`0.1250`), rounded half up in integer
/// arithmetic, so CSV output is exact and the same on every machine and locale.
public enum RatioText {
    public static func text(_ count: Int, of total: Int) -> String {
        guard total > 0 else { return "0.0000" }
        let scaled = (count * 20_000 + total) / (2 * total) // round(count / total * 10_000), half up
        let whole = scaled / 10_000, fraction = scaled % 10_000
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: 4 - digits.count) + digits
    }
}
