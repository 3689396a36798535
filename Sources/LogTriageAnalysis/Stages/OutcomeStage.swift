import LogTriageBasics

/// The per-biller, per-service and dead-letter figures of a run (``OutcomeFigures``), with
/// stale failures moved out of the recent ones once the verdicts are in.
package final class OutcomeStage: RecordStage {
    package private(set) var figures: OutcomeFigures
    /// Per invoice failure: its service, biller and source (name indices) and UTC day.
    private let followUps: StaleFollowUps
    private var names = NameTable()

    package init(policy: RetryPolicy) throws {
        figures = OutcomeFigures(policy: policy)
        followUps = try StaleFollowUps(purpose: "stale-outcomes")
    }

    package func consume(_ record: borrowing RecordContext) throws {
        figures.consume(record.facts)
        guard let failure = record.invoiceFailure else { return }
        let facts = record.facts
        try followUps.append(failure, Int64(names.index(facts.service)), Int64(names.index(facts.billerId)),
                             Int64(names.index(facts.sourceId)), Int64(facts.day ?? Int(Int32.min)))
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
