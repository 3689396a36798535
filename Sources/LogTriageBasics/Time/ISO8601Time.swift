/// Formats epoch milliseconds as ISO-8601 UTC text without Foundation's formatters,
/// so output does not depend on the machine's locale or time zone.
public enum ISO8601Time {
    /// `2026-11-09T14:03:00.250Z`.
    public static func string(milliseconds: Int64) -> String {
        let (seconds, millis) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        var totalSeconds = seconds
        var fraction = millis
        if fraction < 0 { fraction += 1000; totalSeconds -= 1 }
        var days = totalSeconds / 86_400
        var secondOfDay = totalSeconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        let (year, month, day) = civil(fromDays: Int(days))
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(Int(secondOfDay / 3600), 2)):"
            + "\(pad(Int(secondOfDay % 3600 / 60), 2)):\(pad(Int(secondOfDay % 60), 2)).\(pad(Int(fraction), 3))Z"
    }

    /// `2026-11-09 14:03Z`: to the minute, for prose and tables.
    public static func minute(milliseconds: Int64) -> String {
        let full = string(milliseconds: milliseconds)
        return String(full.prefix(10)) + " " + String(full.dropFirst(11).prefix(5)) + "Z"
    }

    /// The calendar date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    package static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
