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
}
