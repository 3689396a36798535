/// A documented situation in the sample week that later features are tested against.
///
/// `real` tells whether the episode is a genuine problem someone should act on (`true`) or
/// noise an alert should not page for (`false`). Windows are `[startMs, endMs)` in epoch
/// milliseconds; `records` counts the generated records that belong to the episode
/// (before any truncation of the last file).
public struct SampleEpisode: Sendable, Codable, Equatable {
    /// Stable identifier, e.g. `b017-outage`.
    public var id: String
    /// `entity.name`/`service.name`/`appName` of the service that logs it.
    public var service: String
    /// Expected triage category: transient, endpoint_auth, endpoint_moved, deserialization,
    /// validation, rate_limited, resource, slow, other, or `none` for non-error traits.
    public var category: String
    /// Whether the episode is a genuine problem (as opposed to noise or background).
    public var real: Bool
    /// Alert tier the episode deserves: `critical`, `warning`, `none`, or `ticket` for a chronic
    /// failure (work for a ticket with the biller, not a page).
    public var tier: String
    public var startMs: Int64
    public var endMs: Int64
    /// `startMs` as ISO-8601.
    public var start: String
    /// `endMs` as ISO-8601.
    public var end: String
    /// Attribute values that identify the episode's records (`billerId`, `error.class`, …).
    public var attributes: [String: String]
    public var summary: String
    public var records: Int
    /// When the episode's first record was written (epoch ms): a failure shows in the logs
    /// only from there, which for a biller called every few minutes can be well after
    /// `startMs`. Nil when it has no record; absent from manifests written before it was kept.
    public var firstRecordMs: Int64?
}
