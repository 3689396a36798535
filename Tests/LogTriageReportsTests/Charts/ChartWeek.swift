/// Monday 2026-11-09 00:00 UTC and the week from it, the analysed range the charts are drawn for.
enum ChartWeek {
    static let start: Int64 = 1_794_182_400_000
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000
    static let range: ClosedRange<Int64> = start...(start + 7 * day - 1)
    static let firstDay = Int(start / day)
    static let days = Array(firstDay..<(firstDay + 7))
    /// Names a test uses to check escaping: every XML special and a control character.
    static let hostile = "<&>\"' &amp; ]]> \u{1}x"
    /// `hostile` as it reads back after parsing (the control character replaced).
    static let hostileReadBack = "<&>\"' &amp; ]]> \u{FFFD}x"
}
