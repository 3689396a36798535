/// How a record writes its `timestamp`: New Relic stores epoch milliseconds, but exports
/// and older shippers also carry epoch seconds with a fraction or ISO-8601 text.
enum SampleTimestampStyle {
    /// `1794182400123`
    case milliseconds
    /// `1794182400.123`
    case secondsWithFraction
    /// `"2026-11-09T00:00:00.123Z"`
    case iso8601
}
