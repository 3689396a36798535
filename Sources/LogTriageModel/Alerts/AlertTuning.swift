/// The policy a proposed condition follows (`alerts:` in triage.yml). Thresholds themselves
/// are never set here: they come from the week's own window values; these say how much
/// evidence a page needs.
public struct AlertTuning: Sendable, Hashable {
    /// The longest aggregation window LogTriage replays or proposes: a day, four times New
    /// Relic's own maximum (six hours), so no real condition is refused by it, and the
    /// replay's millisecond arithmetic stays far from overflow.
    public static let maximumWindowSeconds = 86_400

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
    public var episodeGapWindows: Int = 12

    // MARK: alert quality (what an on-call engineer would accept)

    /// Minutes within which a *new* incident must open after a failure episode starts for the
    /// episode to count as detected, per tier of the episode's category.
    public var detectionTargetMinutes: [Tier: Int] = [.critical: 15, .warning: 60]
    /// The longest a proposal may be red in a week with no failure episode of its own (hours,
    /// scaled to a week when the export is shorter or longer).
    public var maximumRedWithoutCauseHours: Double = 12
    /// The largest share of the week a proposal may be red at all, even for a failure of its
    /// own: a condition red most of the week tells nobody anything new.
    public var maximumRedShare: Double = 0.5
    /// The most incidents a proposal may open per failure episode it covers (and per day of one
    /// that lasts days, which may page again each day), on average: more means it flaps through
    /// one failure. An incident that opens again right after the time limit closed one of a
    /// failure still going is the same page repeated, not counted here.
    public var maximumIncidentsPerEpisode: Double = 2
    /// The most pages (critical incidents) one team's proposals may send in a week.
    public var maximumPagesPerTeam: Int = 20
    /// Windows the replay of the current conditions keeps in memory, all conditions together
    /// (a facet value counts as two, a window holding values as many as its bytes take, see
    /// `WindowStorageCost`): about 1.1 GB with the default, at the 270 bytes a window
    /// measured. Past it the conditions listed last are not replayed, each with a note saying
    /// so, rather than the run running out of memory: a faceted condition on a busy week keeps
    /// tens of thousands of windows.
    public var replayWindowBudget: Int = 4_000_000
    /// Bytes a replay window takes with its share of the store, as measured on counting
    /// queries (1,000 faceted conditions at the default budget peaked at 1.15 GB): what a
    /// budget is said to cost.
    public static let replayWindowBytes = 270
    /// Categories whose failures belong to one biller, endpoint or queue, with the attributes
    /// that may name it, most wanted first: their proposals facet by the first one the
    /// service's failures carry (and that has at least two values, within New Relic's facet
    /// limit), so a new biller's, endpoint's or queue's failure opens its own incident instead
    /// of hiding under one already open.
    public var subjectAttributes: [Category: [String]] = [
        .endpointAuth: ["billerId"] + endpointAttributes,
        .endpointMoved: ["billerId"] + endpointAttributes,
        .deserialization: queueAttributes,
    ]
    /// A failure is chronic when, for one biller (or a whole service), at least this share of
    /// its records fail this way…
    public var chronicMinimumFailureShare: Double = 0.2
    /// …in at least this share of the hours in which it had records, from the first hours of
    /// the export to its last, at a steady rate (and, with a previous week, it failed through
    /// that week too).
    public var chronicMinimumHourShare: Double = 0.75

    /// The detection target of a tier, in seconds.
    public func detectionTargetSeconds(_ tier: Tier) -> Int {
        (detectionTargetMinutes[tier] ?? (tier == .critical ? 15 : 60)) * 60
    }

    /// Attributes that name the endpoint a call went to, most specific to the endpoint first:
    /// certificates, credentials and moved hosts fail per endpoint.
    public static let endpointAttributes = ["endpoint", "server.address", "net.peer.name", "http.url", "url.full", "url"]
    /// Attributes that name the queue a message came from or went to: a poison message or a
    /// dead-letter queue fails per queue.
    public static let queueAttributes = ["queue", "messaging.destination.name", "messaging.destination", "topic", "dlq"]

    /// The attributes proposals may facet by: the ones the signal cube keeps per record
    /// (billerId and sourceId on every record; an endpoint and a queue attribute on failures).
    public static let facetableAttributes = ["billerId", "sourceId"] + endpointAttributes + queueAttributes

    public init() {}
}
