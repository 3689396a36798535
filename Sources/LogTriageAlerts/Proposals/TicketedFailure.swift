import LogTriageBasics

/// One biller's failure that started this week, paged, and still failed a day later: from
/// then on it is a ticket with the biller, not a page, and the proposal's query leaves the
/// biller's records out from that moment (`NOT (billerId = 'B009' AND timestamp >= …)`).
///
/// Why: a biller whose every call fails the same way for a day (rotated credentials, an
/// expired certificate, a moved endpoint) needs the biller to act. Client Services was paged
/// when it started; paging again each morning at the incident time limit, or keeping the
/// condition red until the biller fixes it days later, tells the on-call engineer nothing new
/// and keeps the condition red for most of the week. What an engineer does is open a ticket
/// and exclude the biller until it is fixed, the way chronic failures are excluded
/// (``ChronicFailure``); the exclusion written with its start time lets the backtest replay
/// exactly the condition the engineer would have had at each moment, so the replay still
/// judges the first page. A failure of the service itself (a release's deserialization bug)
/// is never ticketed: its own team must fix it, and the daily page reminds them.
public struct TicketedFailure: Sendable, Hashable, CustomStringConvertible {
    public var billerId: String
    /// When its incident opened (epoch ms): the page it had.
    public var pagedAt: Int64
    /// From when (epoch ms, on the condition's step) its records are left out of the query:
    /// a day after the page (``ProposalSettings/violationTimeLimitSeconds``), less the time
    /// the condition needs to let go, so its incident closes instead of paging again.
    public var since: Int64

    public init(billerId: String, pagedAt: Int64, since: Int64) {
        self.billerId = billerId
        self.pagedAt = pagedAt
        self.since = since
    }

    /// `B009, paged 2026-11-12 09:05Z, a ticket from 2026-11-13 07:05Z`.
    public var description: String {
        "\(billerId), paged \(ISO8601Time.minute(milliseconds: pagedAt)), a ticket from \(ISO8601Time.minute(milliseconds: since))"
    }
}
