/// Whole numbers with a comma between groups of three digits (`1,234,567`), whatever the
/// machine's locale: the reports, the terminal summary and the review's reasons all write
/// counts this way, so a count reads the same wherever it appears.
public enum DigitGrouping {
    /// `1234567` → `1,234,567`, `-1234` → `-1,234`.
    public static func grouped(_ value: some BinaryInteger) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        grouped.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }
}
