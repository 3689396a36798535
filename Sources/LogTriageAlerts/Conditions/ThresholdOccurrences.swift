/// Whether a threshold must hold for its whole duration or once within it (New Relic's
/// `threshold_occurrences`: `ALL` reads "for at least", `AT_LEAST_ONCE` "at least once in").
public enum ThresholdOccurrences: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Every window of the duration breaches.
    case all
    /// One breaching window is enough.
    case atLeastOnce = "at_least_once"

    public var description: String { rawValue }
}
