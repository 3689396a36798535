import LogTriageModel

/// What the review found wrong with a current condition on the week. Each finding is a reason
/// to change the condition: the review decides on these values (``ReviewDecisions``), and the
/// words for them are made only when a report asks for a row's rationale.
public enum ReviewFinding: Sendable, Hashable {
    /// Some of its incidents opened on noise: stale-invoice or non-actionable failures, or no
    /// error at all.
    case noisy(noiseIncidents: Int, incidents: Int)
    /// Incidents that closed within ``BacktestFigures/flappingMinutes`` of opening.
    case flapping(incidents: Int)
    /// It pages (a critical term and no warning one) on what is mostly a warning-tier
    /// category's failures.
    case pagesCriticalForWarningTier(Category)
    /// It pages `route`, but the category its real incidents are mostly about belongs to `owner`.
    case misrouted(route: String, category: Category, owner: String)
    /// It opened incidents and the conditions file routes it to nobody.
    case unrouted
    /// It opened a new incident in time for fewer failure episodes than it should have caught.
    case missesEpisodes(detected: Int, episodes: Int, masked: Int)
    /// Red longer than ``AlertTuning/maximumRedWithoutCauseHours`` a week with no failure of
    /// its own going on.
    case redWithoutCause(minutes: Double)

    /// Whether most of its incidents were noise: the condition is then more harm than help.
    public var isMostlyNoise: Bool {
        guard case let .noisy(noise, incidents) = self else { return false }
        return 2 * noise > incidents
    }
}
