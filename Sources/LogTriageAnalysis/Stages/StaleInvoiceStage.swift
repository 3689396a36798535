import Foundation
import LogTriageBasics

/// Feeds invoice loops to the `StaleInvoiceDetector` while a run reads, and applies its
/// verdicts at the end to every figure that counts stale and recent failures apart: the
/// clusters, the biller and service figures, and the assignments file's `stale` column.
///
/// The detector sorts on disk, so the verdicts do not depend on the order of files or
/// records; what each failure needs at the end (its cluster, biller, source, service, day
/// and assignments row) waits in a side spool written in the same order as the failures,
/// so memory holds only the distinct names, never the records.
package final class StaleInvoiceStage {
    private let detector: StaleInvoiceDetector
    private let facts: SpoolWriter
    private let factsPath: String
    private var failures: Int64 = 0
    private var names = NameTable()

    /// One failure: assignments row (-1 for none), provisional cluster, service, biller and
    /// source names (indices, -1 for none) and UTC day.
    static let rowSize = 28

    package init(loopGapMilliseconds: Int64) throws {
        let directory = NSTemporaryDirectory()
        detector = try StaleInvoiceDetector(loopGapMilliseconds: loopGapMilliseconds, temporaryDirectory: directory)
        factsPath = directory + "/logtriage-stale-facts-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        facts = try SpoolWriter(path: factsPath)
        TemporaryFiles.shared.trackFile(factsPath)
    }

    deinit {
        unlink(factsPath)
        TemporaryFiles.shared.forget(factsPath)
    }

    /// Observes a record when it belongs to an invoice loop (it has an account, an invoice
    /// date and a time); returns the failure's reference when it is a failure of a loop (the
    /// number its stale verdict will carry), else nil.
    @discardableResult
    package func consume(_ facts: RecordFacts, placement: ErrorClusterer.Placement?, assignmentRow: Int?) throws -> Int64? {
        guard let time = facts.time, let account = facts.accountId, !account.isEmpty,
              let invoiceDate = facts.invoiceDate, let day = InvoiceDate.day(invoiceDate) else { return nil }
        let outcome: InvoiceOutcome
        switch facts.callOutcome {
        case .success: outcome = .success
        case .failure: outcome = placement?.invoiceState == true ? .invoiceStateFailure : .otherFailure
        }
        var reference: Int64 = -1
        if outcome != .success {
            reference = failures
            failures += 1
            try appendFacts(assignmentRow: assignmentRow ?? -1, cluster: placement?.provisional ?? -1,
                            service: names.index(facts.service), biller: names.index(facts.billerId),
                            source: names.index(facts.sourceId), day: Int32(UTCDay.of(time)))
        }
        try detector.observe(InvoiceObservation(account: Self.accountKey(service: facts.service, account: account),
                                                invoiceDay: day, time: time, outcome: outcome, reference: reference))
        return reference >= 0 ? reference : nil
    }

    /// Loops are per service and account. The key is 60 bits of a hash in 15 hex digits: a
    /// string that short is stored inline, so the external sort compares it without touching
    /// the heap; two accounts would have to collide in 60 bits to share loops.
    static func accountKey(service: String, account: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in service.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01b3
        for byte in account.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let hex = String(hash >> 4, radix: 16)
        return String(repeating: "0", count: 15 - hex.count) + hex
    }

    /// Runs the detector and hands every stale failure's facts to `stale`, in reference order.
    package func finish(_ stale: (StaleFailure) throws -> Void) throws -> StaleInvoiceSummary {
        try facts.close()
        let reader = try SpoolReader(path: factsPath)
        var next: Int64 = 0
        return try detector.finish { reference, isStale in
            // Verdicts come in reference order, one per failure: read the facts in step.
            while next <= reference {
                guard try reader.ensure(Self.rowSize) else { throw SpoolError.spoolDamaged(path: factsPath) }
                let assignmentRow = Int(reader.readInt64())
                let cluster = Int(reader.readInt32())
                let service = reader.readInt32(), biller = reader.readInt32(), source = reader.readInt32()
                let day = reader.readInt32()
                if next == reference && isStale {
                    try stale(StaleFailure(reference: reference, assignmentRow: assignmentRow, cluster: cluster,
                                           service: names.name(service) ?? RecordFacts.noService,
                                           billerId: names.name(biller), sourceId: names.name(source), day: Int(day)))
                }
                next += 1
            }
        }
    }

    private func appendFacts(assignmentRow: Int, cluster: Int, service: Int32, biller: Int32, source: Int32,
                             day: Int32) throws {
        facts.write(Int64(assignmentRow))
        facts.write(Int32(cluster))
        facts.write(service)
        facts.write(biller)
        facts.write(source)
        facts.write(day)
        try facts.endRow()
    }
}

/// A failure the detector judged stale, with what the figures need to move it.
package struct StaleFailure {
    /// The number `consume` returned for it.
    package let reference: Int64
    package let assignmentRow: Int
    package let cluster: Int
    package let service: String
    package let billerId: String?
    package let sourceId: String?
    package let day: Int?
}
