/// The policy a proposed condition follows (`alerts:` in triage.yml). Thresholds themselves
/// are never set here: they come from the week's own window values; these say how much
/// evidence a page needs.
public struct AlertTuning: Sendable, Hashable {
    /// A ratio condition's window is the shortest of ``windowChoicesSeconds`` in which the
    /// median window of a facet value holds at least this many calls, so one failure out of
    /// two calls cannot page.
    public var minimumVolume: Int = 20
    /// Failures a window must hold before a critical-tier proposal pages (at the median
    /// volume, for ratios).
    public var minimumCriticalFailures: Int = 1
    /// The same for warning-tier proposals (slow, transient, rate-limited, validation).
    public var minimumWarningFailures: Int = 3
    /// The percentile of quiet windows (no targeted recent failure) a threshold must clear.
    public var quietPercentile: Double = 99
    /// Windows a proposal may use, each a multiple of the first (the signal cube's window).
    public var windowChoicesSeconds: [Int] = [300, 600, 900, 1800, 3600]
    /// Critical-tier proposals use windows no longer than this: a failing biller pages within
    /// minutes, not after an hour of averaging.
    public var criticalMaxWindowSeconds: Int = 900
    /// A category needs at least this many recent failures in the week to get a proposal.
    public var minimumRecentFailures: Int = 3
    /// Failure episodes: at least this many recent failures, windows at most this far apart.
    public var episodeMinimumRecords: Int = 5
    public var episodeGapWindows: Int = 6

    public init() {}
}
