/// When New Relic considers an aggregation window complete and evaluates it
/// (`aggregation_method`): `event_flow` (default) when a data point later than the window's
/// end plus the delay arrives, `event_timer` when no data point arrived for the timer, and
/// `cadence` on the wall clock after the delay.
public enum AggregationMethod: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case eventFlow = "event_flow"
    case eventTimer = "event_timer"
    case cadence

    public var description: String { rawValue }
}
