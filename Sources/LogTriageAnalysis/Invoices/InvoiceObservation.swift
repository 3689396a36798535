/// One record's contribution to stale-invoice detection: which account loop it belongs to, which
/// invoice it handled, when, and how that went.
///
/// Kept to fixed-size fields, so the detector can spool millions of them to disk and sort them
/// there instead of holding them in memory.
public struct InvoiceObservation: Sendable, Equatable {
    /// The loop key: a 64-bit hash of the service and the account id
    /// (``StaleInvoiceStage/accountKey(service:account:)``), because each service loops over an
    /// account's invoices on its own. A number rather than text, so that sorting and merging
    /// millions of observations compares integers; two accounts would have to collide in 64 bits
    /// to share loops.
    public var account: UInt64
    /// Days since 1970-01-01 of the invoice's `invoiceDate` (see ``InvoiceDate``); a larger day
    /// is a newer invoice.
    public var invoiceDay: Int32
    /// When the record was logged, in epoch milliseconds.
    public var time: Int64
    public var outcome: InvoiceOutcome
    /// The caller's id for the record; verdicts are reported by it, in ascending order.
    public var reference: Int64

    public init(account: UInt64, invoiceDay: Int32, time: Int64, outcome: InvoiceOutcome, reference: Int64) {
        self.account = account
        self.invoiceDay = invoiceDay
        self.time = time
        self.outcome = outcome
        self.reference = reference
    }
}
