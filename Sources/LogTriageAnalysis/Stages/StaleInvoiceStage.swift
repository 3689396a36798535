import Foundation
import LogTriageBasics

/// Feeds invoice loops to the `StaleInvoiceDetector` while a run reads, and turns its
/// judgement into the run's ``StaleVerdicts`` once the last record is in.
///
/// The detector sorts on disk, so the verdicts do not depend on the order of files or
/// records. The figures that count stale failures apart (clusters, billers and services,
/// the assignments file, the alert windows) each keep their own rows and ask the verdicts
/// when they finish; this stage knows nothing of them.
package final class StaleInvoiceStage: RecordStage {
    private let detector: StaleInvoiceDetector
    package private(set) var summary: StaleInvoiceSummary?
    package private(set) var verdicts: StaleVerdicts?

    /// `threads`: how many threads the judgement after the read may use.
    package init(loopGapMilliseconds: Int64, threads: Int = 1) throws {
        detector = try StaleInvoiceDetector(loopGapMilliseconds: loopGapMilliseconds,
                                            temporaryDirectory: NSTemporaryDirectory(), threads: threads)
    }

    package func consume(_ record: borrowing RecordContext) throws {
        guard let observation = record.invoiceObservation else { return }
        try detector.observe(observation)
    }

    /// Observations taken in so far.
    package var observationCount: Int { detector.observationCount }

    /// Takes in an observation of another run (a partial run's, its reference renumbered).
    package func observe(_ observation: InvoiceObservation) throws {
        try detector.observe(observation)
    }

    /// Every observation, sorted, for a partial run to write down; the stage cannot judge after.
    package func drainObservations(_ body: (InvoiceObservation) throws -> Void) throws {
        try detector.drainObservations(body)
    }

    /// Judges every loop: after this, ``verdicts`` and ``summary`` are set. The verdicts
    /// handed in are ignored: this stage is where they come from.
    package func finish(stale _: StaleVerdicts) throws {
        _ = try judge()
    }

    /// Judges every loop once and returns the verdicts the other stages finish with.
    @discardableResult
    package func judge() throws -> StaleVerdicts {
        if let verdicts { return verdicts }
        return try keep { try detector.finish($0) }
    }

    /// Judges the observations of other runs, each run handed over in sort order (a merge's
    /// partials), instead of observations taken in; returns the verdicts as ``judge()`` does.
    package func judge(sortedRuns runs: [() throws -> InvoiceObservation?]) throws -> StaleVerdicts {
        precondition(verdicts == nil, "a stage judges once")
        return try keep { try detector.finish(sortedRuns: runs, $0) }
    }

    /// Keeps the stale verdicts and the summary of `judging`, which reports every verdict.
    private func keep(_ judging: ((Int64, Bool) throws -> Void) throws -> StaleInvoiceSummary) throws -> StaleVerdicts {
        let verdicts = try StaleVerdicts()
        summary = try judging { reference, isStale in
            if isStale { try verdicts.addStale(reference) }
        }
        self.verdicts = verdicts
        return verdicts
    }

    /// Loops are per service and account: the key is FNV-1a of the service's bytes, a unit
    /// separator and the account's bytes, a number the external sort compares as one integer.
    static func accountKey(service: String, account: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in service.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01b3
        for byte in account.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }
}
