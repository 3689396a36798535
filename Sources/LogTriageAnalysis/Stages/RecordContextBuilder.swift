import LogTriageBasics
import LogTriageIngest

/// Turns each record into its ``RecordContext``: severity, cluster placement, outcome facts
/// and invoice-loop observation, each worked out once.
package final class RecordContextBuilder {
    package let clusterer: ErrorClusterer
    private var nextOrdinal: Int64 = 0
    /// Services, billers and sources by their bytes: each text is built once per run, and
    /// stages count by its id.
    private var names = InternedTexts()
    private let noService: Int32
    /// Whether the clusterer is told each record's file (a partial run's journal needs it).
    package var tellsFiles = false
    /// Outcomes and invoice dates by their bytes, with what each names: a week repeats a few
    /// outcomes and a few hundred dates on every record of its invoice loops.
    private var outcomes = RepeatedTexts<CallOutcome?>(capacity: RecordContextBuilder.repeatedTextCapacity)
    private var invoiceDates = RepeatedTexts<Int32?>(capacity: RecordContextBuilder.repeatedTextCapacity)
    /// Distinct outcomes, and invoice dates, kept with what they name at most.
    static let repeatedTextCapacity = 4096

    package init(clusterer: ErrorClusterer) {
        self.clusterer = clusterer
        noService = names.intern(Array(RecordFacts.noService.utf8))
    }

    /// Records read so far.
    package var records: Int64 { nextOrdinal }

    package func context(of view: RecordView, file: Int) -> RecordContext {
        context(of: view, file: file, keys: PlacementKeys(of: view, slowThresholdMs: clusterer.slowThresholdMs))
    }

    /// The same, with the record's placement keys worked out already (on the reading thread,
    /// ``RecordContextWorker``).
    package func context(of view: RecordView, file: Int, keys: PlacementKeys) -> RecordContext {
        let ordinal = nextOrdinal
        nextOrdinal += 1
        let severity = keys.severity
        if tellsFiles { clusterer.currentFile = file }
        let names = recordNames(of: view)
        let placement = clusterer.consume(view, keys: keys, service: names.service, billerId: names.billerId,
                                          namePair: RecordNames.pair(names.ids.service, names.ids.billerId))
        let outcome = view.value(.outcome).map { outcomes.text(of: $0.bytes, derive: CallOutcome.named) }
            .map { (text: $0.text, named: $0.derived) }
        let invoiceDate = view.value(.invoiceDate).map { invoiceDates.text(of: $0.bytes, derive: InvoiceDate.day) }
        let facts = OutcomeFigures.facts(of: view, severity: severity, placement: placement, service: names.service,
                                         billerId: names.billerId, sourceId: names.sourceId,
                                         outcome: outcome, invoiceDate: invoiceDate?.text)
        // Worked out before the context is made, so that the facts move into it: read after
        // being handed to it, they were copied, retaining each of their strings.
        let invoiceObservation = Self.invoiceObservation(facts, invoiceDay: invoiceDate?.derived, placement: placement,
                                                         reference: ordinal)
        return RecordContext(file: file, position: view.position, ordinal: ordinal, severity: severity, placement: placement,
                             facts: facts, names: names.ids, invoiceObservation: invoiceObservation)
    }

    /// The record's service, biller and source, interned by their decoded bytes: the texts
    /// `RecordView.string` would build, built once per run.
    private func recordNames(of view: RecordView) -> (ids: RecordNames, service: String, billerId: String?, sourceId: String?) {
        var service = (id: noService, text: RecordFacts.noService)
        if let value = view.value(.service), !value.bytes.isEmpty { service = names.internedText(value.bytes) }
        let biller = view.value(.billerId).map { names.internedText($0.bytes) }
        let source = view.value(.sourceId).map { names.internedText($0.bytes) }
        return (RecordNames(service: service.id, billerId: biller?.id ?? -1, sourceId: source?.id ?? -1),
                service.text, biller?.text, source?.text)
    }

    /// The record's place in an invoice loop: loops are per service and account, and only a
    /// failure the biller refused for the invoice's own state can later prove stale.
    /// `invoiceDay`: the day of `facts.invoiceDate` (``InvoiceDate/day(_:)``).
    static func invoiceObservation(_ facts: RecordFacts, invoiceDay: Int32??, placement: ErrorClusterer.Placement?,
                                   reference: Int64) -> InvoiceObservation? {
        guard let time = facts.time, let account = facts.accountId, !account.isEmpty,
              let day = invoiceDay ?? nil else { return nil }
        let outcome: InvoiceOutcome
        switch facts.callOutcome {
        case .success: outcome = .success
        case .failure: outcome = placement?.invoiceState == true ? .invoiceStateFailure : .otherFailure
        }
        return InvoiceObservation(account: StaleInvoiceStage.accountKey(service: facts.service, account: account),
                                  invoiceDay: day, time: time, outcome: outcome, reference: reference)
    }
}
