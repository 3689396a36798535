import LogTriageBasics

/// The per-biller, per-service and dead-letter figures of a run (``OutcomeFigures``), with
/// stale failures moved out of the recent ones once the verdicts are in.
package final class OutcomeStage: RecordStage {
    package private(set) var figures: OutcomeFigures
    /// Per invoice failure: its service, biller and source (name indices) and UTC day.
    private let followUps: StaleFollowUps
    private var names = NameTable()
    /// When kept (a partial run), the dead-letter events in read order, with each record's
    /// file and ordinal.
    package private(set) var deadLetterJournal: [PartialDeadLetterEvent]?

    package init(policy: RetryPolicy) throws {
        figures = OutcomeFigures(policy: policy)
        followUps = try StaleFollowUps(purpose: "stale-outcomes")
    }

    package func consume(_ record: borrowing RecordContext) throws {
        let event = figures.consume(record.facts)
        if let event, deadLetterJournal != nil {
            deadLetterJournal?.append(PartialDeadLetterEvent(file: record.file, ordinal: record.ordinal, event: event))
        }
        guard let failure = record.invoiceFailure else { return }
        let facts = record.facts
        try followUps.append(failure, Int64(names.index(facts.service)), Int64(names.index(facts.billerId)),
                             Int64(names.index(facts.sourceId)), Int64(facts.day ?? Int(Int32.min)))
    }

    /// Starts keeping the dead-letter events, for a partial run.
    package func keepDeadLetterJournal() {
        deadLetterJournal = []
    }

    /// Each invoice failure's row, in read order (for a partial).
    package func forEachRow(_ body: (PartialOutcomeRow) throws -> Void) throws {
        try followUps.forEach { row in
            let (service, biller, source, day) = row.values
            try body(PartialOutcomeRow(reference: row.reference, service: names.name(Int32(service)) ?? RecordFacts.noService,
                                       billerId: names.name(Int32(biller)), sourceId: names.name(Int32(source)),
                                       day: day == Int64(Int32.min) ? nil : Int(day)))
        }
    }

    /// Takes in a partial run's figures; its rows follow with ``append(_:)``, its dead-letter
    /// events with ``replay(_:)``, both in the merged run's read order.
    package func absorb(billers: BillerStats, services: ServiceStats) {
        figures.absorb(billers: billers, services: services)
    }

    package func replay(_ event: DeadLetterEvent) {
        figures.replay(event)
    }

    package func append(_ row: PartialOutcomeRow) throws {
        try followUps.append(row.reference, Int64(names.index(row.service)), Int64(names.index(row.billerId)),
                             Int64(names.index(row.sourceId)), Int64(row.day ?? Int(Int32.min)))
    }

    package func finish(stale: StaleVerdicts) throws {
        try followUps.forEachStale(in: stale) { row in
            let (service, biller, source, day) = row.values
            figures.markStale(service: names.name(Int32(service)) ?? RecordFacts.noService,
                              billerId: names.name(Int32(biller)), sourceId: names.name(Int32(source)),
                              day: day == Int64(Int32.min) ? nil : Int(day))
        }
    }
}
