import LogTriageBasics

/// UTC calendar arithmetic for chart axes, on integers only so labels never depend on the
/// machine's time zone or locale.
enum ChartCalendar {
    static let millisecondsPerHour: Int64 = 3_600_000
    static let millisecondsPerDay: Int64 = 86_400_000
    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// `value / divisor` rounded towards minus infinity, so times before 1970 land in the right
    /// hour or day.
    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? quotient - 1 : quotient
    }

    /// Weekday and month-day of a day count since 1970-01-01: `Mon 11-09`.
    static func dayLabel(day: Int64) -> String {
        let weekday = Int(((day % 7) + 7 + 3) % 7) // 1970-01-01 was a Thursday
        let (_, month, dayOfMonth) = ISO8601Time.civil(fromDays: Int(day))
        return weekdays[weekday] + " " + twoDigits(month) + "-" + twoDigits(dayOfMonth)
    }

    /// `Mon 11-09 14:03` for the minute holding `milliseconds`.
    static func hourMinuteLabel(milliseconds: Int64) -> String {
        let minute = floorDivide(milliseconds, 60_000)
        let day = floorDivide(minute, 1440)
        let minuteOfDay = Int(minute - day * 1440)
        return dayLabel(day: day) + " " + twoDigits(minuteOfDay / 60) + ":" + twoDigits(minuteOfDay % 60)
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}
