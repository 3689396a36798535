import LogTriageBasics

/// What the verdicts of one loop depend on, gathered while its observations stream by in
/// (time, invoice day, outcome, reference) order.
///
/// A loop is a run of one account's observations in which no two consecutive ones (by time) are
/// more than the loop gap apart. Its newest invoice is the one with the largest invoice day; that
/// invoice's outcome is the outcome of its latest observation, and when several share that
/// latest millisecond the most pessimistic wins (invoice-state failure, then other failure, then
/// success), so a tie can only make fewer failures stale.
struct InvoiceLoop {
    let account: UInt64
    private(set) var lastTime: Int64
    private(set) var newestDay: Int32
    private(set) var newestTime: Int64
    private(set) var newestOutcome: InvoiceOutcome
    /// Failure observations in the loop, spooled in stream order for the second pass.
    var failures: Int64 = 0

    init(first: InvoiceObservation) {
        account = first.account
        lastTime = first.time
        newestDay = first.invoiceDay
        newestTime = first.time
        newestOutcome = first.outcome
    }

    /// Whether `next` (the following observation in sort order) belongs to this loop.
    func continues(with next: InvoiceObservation, gap: Int64) -> Bool {
        guard next.account == account else { return false }
        let (elapsed, overflow) = next.time.subtractingReportingOverflow(lastTime)
        return !overflow && elapsed <= gap
    }

    mutating func add(_ next: InvoiceObservation) {
        lastTime = next.time
        if next.invoiceDay > newestDay {
            newestDay = next.invoiceDay
            newestTime = next.time
            newestOutcome = next.outcome
        } else if next.invoiceDay == newestDay {
            if next.time > newestTime {
                newestTime = next.time
                newestOutcome = next.outcome
            } else if next.time == newestTime, next.outcome.pessimism > newestOutcome.pessimism {
                newestOutcome = next.outcome
            }
        }
    }

    /// The verdict rule: an invoice-state failure of an older invoice, in a loop whose newest
    /// invoice did not fail the same way.
    func isStale(invoiceDay: Int32, outcome: InvoiceOutcome) -> Bool {
        outcome == .invoiceStateFailure && invoiceDay < newestDay && newestOutcome != .invoiceStateFailure
    }
}
