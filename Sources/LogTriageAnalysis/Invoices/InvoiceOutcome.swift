/// What a record says about an invoice loop: whether the invoice went through, and if not,
/// whether the biller refused it because of the invoice's own state.
///
/// The raw values are written to the detector's spool files and give the sort order within a
/// millisecond; they never change.
public enum InvoiceOutcome: UInt8, Sendable, CaseIterable {
    /// The invoice was processed.
    case success
    /// The biller refused the invoice for its own state: unknown, already settled, closed, not
    /// payable. Only these can be stale.
    case invoiceStateFailure
    /// Any other failure (timeout, authentication, a bug): it says nothing about the invoice, so
    /// it is never stale.
    case otherFailure

    /// Whether this outcome is a failure, i.e. gets a verdict.
    public var isFailure: Bool { self != .success }

    /// Rank used when two observations of the newest invoice share a millisecond: the more
    /// pessimistic one wins (invoice-state failure over other failure over success), so a tie can
    /// only make fewer failures stale, never hide a real one.
    var pessimism: UInt8 {
        switch self {
        case .success: 0
        case .otherFailure: 1
        case .invoiceStateFailure: 2
        }
    }
}
