/// Days since 1970-01-01 in UTC, the key of every per-day figure, so daily series from
/// different accumulators line up without a calendar.
public enum UTCDay {
    static let millisecondsPerDay: Int64 = 86_400_000

    /// The day holding `milliseconds`; floors, so times before 1970 fall on negative days.
    public static func of(_ milliseconds: Int64) -> Int {
        let (quotient, remainder) = milliseconds.quotientAndRemainder(dividingBy: millisecondsPerDay)
        return Int(remainder < 0 ? quotient - 1 : quotient)
    }
}
