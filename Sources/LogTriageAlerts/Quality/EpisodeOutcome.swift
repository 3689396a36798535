/// What one condition did about one failure episode, in the terms of alert quality: did a new
/// incident tell someone, in time?
public struct EpisodeOutcome: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable {
        /// A new incident opened within the tier's target after the episode started.
        case detected
        /// No new incident in time, and one opened earlier for something else was still open
        /// when it started: nobody is told about the new failure.
        case masked
        /// A new incident opened, but after the target.
        case late
        /// No incident at all.
        case missed
    }

    public var episode: FailureEpisode
    public var verdict: Verdict
    /// Minutes from the episode's start to the new incident that detected it (or opened late).
    public var minutesToDetect: Double?
    /// New incidents the condition opened for the episode; one that reopens right after the
    /// time limit closed the previous one of a failure still going is the same page repeated,
    /// not counted.
    public var incidents: Int
}
