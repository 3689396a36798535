import LogTriageIngest

/// Turns each record into its ``RecordContext``: severity, cluster placement, outcome facts
/// and invoice-loop observation, each worked out once.
package final class RecordContextBuilder {
    package let clusterer: ErrorClusterer
    private var nextOrdinal: Int64 = 0
    /// Whether the clusterer is told each record's file (a partial run's journal needs it).
    package var tellsFiles = false

    package init(clusterer: ErrorClusterer) {
        self.clusterer = clusterer
    }

    /// Records read so far.
    package var records: Int64 { nextOrdinal }

    package func context(of view: RecordView, file: Int) -> RecordContext {
        let ordinal = nextOrdinal
        nextOrdinal += 1
        let severity = RecordSeverity(view)
        if tellsFiles { clusterer.currentFile = file }
        let placement = clusterer.consume(view, severity: severity)
        let facts = OutcomeFigures.facts(of: view, severity: severity, placement: placement)
        return RecordContext(file: file, position: view.position, ordinal: ordinal, severity: severity, placement: placement,
                             facts: facts,
                             invoiceObservation: Self.invoiceObservation(facts, placement: placement, reference: ordinal))
    }

    /// The record's place in an invoice loop: loops are per service and account, and only a
    /// failure the biller refused for the invoice's own state can later prove stale.
    static func invoiceObservation(_ facts: RecordFacts, placement: ErrorClusterer.Placement?,
                                   reference: Int64) -> InvoiceObservation? {
        guard let time = facts.time, let account = facts.accountId, !account.isEmpty,
              let invoiceDate = facts.invoiceDate, let day = InvoiceDate.day(invoiceDate) else { return nil }
        let outcome: InvoiceOutcome
        switch facts.callOutcome {
        case .success: outcome = .success
        case .failure: outcome = placement?.invoiceState == true ? .invoiceStateFailure : .otherFailure
        }
        return InvoiceObservation(account: StaleInvoiceStage.accountKey(service: facts.service, account: account),
                                  invoiceDay: day, time: time, outcome: outcome, reference: reference)
    }
}
