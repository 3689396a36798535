import LogTriageBasics

/// Numbers as a person reads them in a weekly report: `1,234,567`, `12.3%`, `3 h 20 min`.
///
/// The output never depends on the machine's locale (a report pasted into Jira reads the same
/// whoever ran the tool), and rounding is half away from zero in integer arithmetic where the
/// inputs are integers, so the same counts always give the same text.
public enum ReadableNumber {
    /// What a percentage shows when there is no whole to divide by.
    public static let notApplicable = "—"

    /// `1234567` → `1,234,567`, `-1234` → `-1,234`: commas every three digits.
    public static func count(_ value: some BinaryInteger) -> String {
        DigitGrouping.grouped(value)
    }

    /// `part` as a share of `whole` with one decimal: `12.3%`.
    ///
    /// `0.0%` only for a zero part and `100.0%` only for the whole: a non-zero share that
    /// would round to either shows as `<0.1%` or `>99.9%`, so a reader never sees "none"
    /// where there were some. `—` when `whole` is 0.
    public static func percent(part: Int, of whole: Int) -> String {
        guard whole != 0 else { return notApplicable }
        let negative = (part < 0) != (whole < 0) && part != 0
        let numerator = UInt64(part.magnitude), denominator = UInt64(whole.magnitude)
        let tenths: UInt64
        if numerator <= UInt64.max / 2000 {
            tenths = (numerator * 2000 + denominator) / (2 * denominator) // round(part / whole * 1000), half up
        } else {
            tenths = UInt64((Double(numerator) / Double(denominator) * 1000).rounded())
        }
        if numerator != 0, tenths == 0 { return negative ? ">-0.1%" : "<0.1%" }
        if !negative, numerator < denominator, tenths == 1000 { return ">99.9%" }
        return percentText(tenths: tenths, negative: negative)
    }

    /// A fraction as a percentage with one decimal: `0.123` → `12.3%`.
    ///
    /// A non-zero value that would round to zero shows as `<0.1%` (`>-0.1%` below zero);
    /// `—` for infinity, NaN and values too large to be a meaningful share.
    public static func ratio(_ value: Double) -> String {
        guard value.isFinite else { return notApplicable }
        let tenths = (value.magnitude * 1000).rounded(.toNearestOrAwayFromZero)
        guard tenths < 1e15 else { return notApplicable }
        if value != 0, tenths == 0 { return value < 0 ? ">-0.1%" : "<0.1%" }
        return percentText(tenths: UInt64(tenths), negative: value < 0 && tenths > 0)
    }

    /// A length of time in the two largest units that matter: `45 min`, `3 h 20 min`, `2 d 4 h`.
    ///
    /// From one day up, minutes are rounded to the nearest hour (half up), since a weekly
    /// reader does not need them; zero parts are left out (`3 h`, `2 d`).
    public static func duration(minutes: Int) -> String {
        guard minutes >= 0 else { return "-" + duration(magnitude: minutes.magnitude) }
        return duration(magnitude: UInt(minutes))
    }

    private static func duration(magnitude minutes: UInt) -> String {
        if minutes < 60 { return "\(minutes) min" }
        if minutes < 24 * 60 {
            let (hours, rest) = minutes.quotientAndRemainder(dividingBy: 60)
            return rest == 0 ? "\(hours) h" : "\(hours) h \(rest) min"
        }
        let (days, hours) = (minutes / 60 + (minutes % 60 >= 30 ? 1 : 0)).quotientAndRemainder(dividingBy: 24)
        return hours == 0 ? "\(count(days)) d" : "\(count(days)) d \(hours) h"
    }

    private static func percentText(tenths: UInt64, negative: Bool) -> String {
        (negative ? "-" : "") + count(tenths / 10) + "." + String(tenths % 10) + "%"
    }
}
