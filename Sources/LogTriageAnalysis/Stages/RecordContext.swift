import LogTriageIngest

/// One record as every stage sees it, worked out once when it is read: its severity, where
/// the clusterer placed it, the outcome facts, and its part in an invoice loop.
///
/// Stages read the context instead of the record, so a service name, a message or an
/// evidence lookup is done once per record however many stages need it. The few stages that
/// read attributes of their own (alert conditions) get the record beside the context, as read
/// or, behind the read, a copy of it (see ``RecordStage/consume(_:view:)`` and
/// ``StageWorkers``). The context holds no view: one it held would be retained and released
/// with every copy and move of the context, on every record.
package struct RecordContext {
    /// Index of the record's file in the run's ingest summary.
    package let file: Int
    /// Where the record is in its file.
    package let position: RecordPosition
    /// The record's number in the run, counting from 0 in read order: its identity for
    /// the verdicts that arrive after the last record.
    package let ordinal: Int64
    package let severity: RecordSeverity
    /// Where the clusterer put it; nil for records that are neither errors, warnings nor slow.
    package let placement: ErrorClusterer.Placement?
    package let facts: RecordFacts
    /// The ids of ``facts``' service, biller and source.
    package let names: RecordNames
    /// What the stale-invoice detector learns from the record, when it belongs to an invoice
    /// loop (an account, an invoice date and a time).
    package let invoiceObservation: InvoiceObservation?

    /// The reference of a failure in an invoice loop (its ``ordinal``): the only records a
    /// stale verdict can concern. Nil for everything else.
    package var invoiceFailure: Int64? {
        guard let invoiceObservation, invoiceObservation.outcome.isFailure else { return nil }
        return invoiceObservation.reference
    }
}
