import LogTriageBasics

/// The sample week and the date arithmetic its records need, without Foundation dates.
///
/// The week runs from Monday 2026-11-09T00:00:00Z to Sunday 2026-11-15T23:59:59.999Z.
/// All times are Unix epoch milliseconds (UTC).
enum SampleTime {
    static let second: Int64 = 1_000
    static let minute: Int64 = 60_000
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000
    /// Monday 2026-11-09T00:00:00Z.
    static let weekStart: Int64 = 1_794_182_400_000
    /// One millisecond after the last instant of Sunday 2026-11-15.
    static let weekEnd: Int64 = weekStart + 7 * day
    /// Minutes in the week, the generator's time step.
    static let minutesInWeek = Int(7 * day / minute)

    /// The instant `day` days (0 = Monday) plus `hour`:`minute` after the week start.
    static func at(day: Int, hour: Int, minute: Int = 0, second: Int = 0) -> Int64 {
        weekStart + Int64(day) * Self.day + Int64(hour) * Self.hour + Int64(minute) * Self.minute
            + Int64(second) * Self.second
    }

    /// Day of the week of `time`, 0 = Monday.
    static func weekday(_ time: Int64) -> Int {
        Int((time - weekStart) / day)
    }

    /// Hour of the day (UTC) of `time`.
    static func hourOfDay(_ time: Int64) -> Int {
        Int(((time % day) + day) % day / hour)
    }

    /// Civil (year, month, day) of a count of days since 1970-01-01.
    static func civil(daysSinceEpoch days: Int64) -> (year: Int, month: Int, day: Int) {
        let (year, month, dayOfMonth) = ISO8601Time.civil(fromDays: Int(days))
        return (year, month, dayOfMonth)
    }

    /// Appends `time` as ISO-8601 with milliseconds, e.g. `2026-11-12T16:00:03.123Z`.
    static func appendISO8601(_ time: Int64, to out: inout [UInt8]) {
        let days = time >= 0 ? time / day : (time - day + 1) / day
        let date = civil(daysSinceEpoch: days)
        let inDay = time - days * day
        appendDate(year: date.year, month: date.month, day: date.day, separator: UInt8(ascii: "-"), to: &out)
        out.append(UInt8(ascii: "T"))
        appendPadded(Int(inDay / hour), width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(Int(inDay % hour / minute), width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(Int(inDay % minute / second), width: 2, to: &out)
        out.append(UInt8(ascii: "."))
        appendPadded(Int(inDay % second), width: 3, to: &out)
        out.append(UInt8(ascii: "Z"))
    }

    /// `time` as ISO-8601 text.
    static func iso8601(_ time: Int64) -> String {
        var bytes: [UInt8] = []
        appendISO8601(time, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The calendar date of `time` as `2026-11-09` (or `20261109` with no separator).
    static func date(_ time: Int64, separator: Bool = true) -> String {
        let date = civil(daysSinceEpoch: time / day)
        var bytes: [UInt8] = []
        appendDate(year: date.year, month: date.month, day: date.day,
                   separator: separator ? UInt8(ascii: "-") : nil, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func appendDate(year: Int, month: Int, day: Int, separator: UInt8?, to out: inout [UInt8]) {
        appendPadded(year, width: 4, to: &out)
        if let separator { out.append(separator) }
        appendPadded(month, width: 2, to: &out)
        if let separator { out.append(separator) }
        appendPadded(day, width: 2, to: &out)
    }

    /// `value` (non-negative) left-padded with zeros to `width`.
    static func padded(_ value: Int, width: Int) -> String {
        var bytes: [UInt8] = []
        appendPadded(value, width: width, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `value` (non-negative) in decimal, left-padded with zeros to `width`.
    static func appendPadded(_ value: Int, width: Int, to out: inout [UInt8]) {
        var digits = 1
        var probe = value
        while probe >= 10 { probe /= 10; digits += 1 }
        if digits < width { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits)) }
        SampleJSON.appendInteger(Int64(value), to: &out)
    }
}
