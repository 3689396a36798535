/// Totals of one stale-invoice detection run, for the report's summary line.
public struct StaleInvoiceSummary: Sendable, Equatable {
    /// Observations given to the detector.
    public var observations: Int
    /// Distinct account keys (service and account) among them.
    public var accounts: Int
    /// Loops found: runs of one account's observations with no gap above the loop gap.
    public var loops: Int
    /// Loops that had at least one stale failure.
    public var loopsWithStaleFailures: Int
    /// Failures judged stale: invoice-state failures of an older invoice in a loop whose newest
    /// invoice did not fail the same way.
    public var staleFailures: Int
    /// Failures judged not stale: every other failure, invoice-state or not.
    public var recentFailures: Int

    public init(observations: Int = 0, accounts: Int = 0, loops: Int = 0, loopsWithStaleFailures: Int = 0,
                staleFailures: Int = 0, recentFailures: Int = 0) {
        self.observations = observations
        self.accounts = accounts
        self.loops = loops
        self.loopsWithStaleFailures = loopsWithStaleFailures
        self.staleFailures = staleFailures
        self.recentFailures = recentFailures
    }

    /// Adds the figures of a judgement of other accounts.
    mutating func add(_ other: StaleInvoiceSummary) {
        observations += other.observations
        accounts += other.accounts
        loops += other.loops
        loopsWithStaleFailures += other.loopsWithStaleFailures
        staleFailures += other.staleFailures
        recentFailures += other.recentFailures
    }

    /// Failures judged, stale or not.
    public var failures: Int { staleFailures + recentFailures }
}
