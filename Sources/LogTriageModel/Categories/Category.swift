/// The one category every error cluster gets; the raw values are an output contract (reports,
/// CSV columns, `triage.yml`), so they never change spelling.
public enum Category: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Timeouts, refused or reset connections, 502/503/504, an unavailable broker: retrying helps.
    case transient
    /// A biller endpoint rejects our credentials: 401/403, expired certificate, rotated secret.
    case endpointAuth = "endpoint_auth"
    /// A biller endpoint is not where we call it: 404, unknown host, DNS failure.
    case endpointMoved = "endpoint_moved"
    /// A message cannot be read: unknown type id, schema mismatch, malformed JSON.
    case deserialization
    /// The input data is wrong: invalid account, amount or state.
    case validation
    /// The other side throttles us: 429, quota exceeded.
    case rateLimited = "rate_limited"
    /// A resource ran out: memory, a connection or thread pool, disk.
    case resource
    /// Not failing but slower than the threshold; assigned from `durationMs`, never by a rule.
    case slow
    /// Nobody's failure to act on: no evidence decided (reported as *unclassified*, kept
    /// visible rather than guessed), or the caller went away (a rule's recorded reason).
    case other

    public var description: String { rawValue }

    /// Position in `allCases`, for compact per-category tallies.
    package var index: Int {
        switch self {
        case .transient: 0
        case .endpointAuth: 1
        case .endpointMoved: 2
        case .deserialization: 3
        case .validation: 4
        case .rateLimited: 5
        case .resource: 6
        case .slow: 7
        case .other: 8
        }
    }

    // Compared and hashed by case: a raw-valued enum otherwise gets `RawRepresentable`'s, which
    // compare and hash its spelling, and categories key the tallies of every window the alert
    // review weighs (the hashing of their names was 2% of its instructions on the bench week).
    public static func == (lhs: Category, rhs: Category) -> Bool { lhs.index == rhs.index }

    public func hash(into hasher: inout Hasher) { hasher.combine(index) }
}
