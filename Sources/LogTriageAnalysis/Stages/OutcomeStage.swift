import LogTriageBasics

/// The per-biller, per-service and dead-letter figures of a run (``OutcomeFigures``), with
/// stale failures moved out of the recent ones once the verdicts are in.
package final class OutcomeStage: RecordStage {
    package private(set) var figures: OutcomeFigures
    /// Per invoice failure: its service, biller and source (name indices) and UTC day.
    private let followUps: StaleFollowUps
    private var names = NameTable()
    /// The run's name ids to ``names``' indices.
    private var nameTranslation = NameTranslation()
    /// When kept (a partial run), where the dead-letter events go in read order, with each
    /// record's file and ordinal.
    private var deadLetterJournal: (any DeadLetterJournal)?

    package init(policy: RetryPolicy) throws {
        figures = OutcomeFigures(policy: policy)
        followUps = try StaleFollowUps(purpose: "stale-outcomes")
    }

    package func consume(_ record: borrowing RecordContext) throws {
        let event = figures.consume(record.facts, names: record.names)
        if let event, let deadLetterJournal {
            try deadLetterJournal.append(PartialDeadLetterEvent(file: record.file, ordinal: record.ordinal, event: event))
        }
        guard let failure = record.invoiceFailure else { return }
        let ids = record.names
        try followUps.append(failure, Int64(nameTranslation.index(of: ids.service, name: record.facts.service, in: &names)),
                             Int64(nameTranslation.index(of: ids.billerId, name: record.facts.billerId, in: &names)),
                             Int64(nameTranslation.index(of: ids.sourceId, name: record.facts.sourceId, in: &names)),
                             Int64(record.facts.day ?? Int(Int32.min)))
    }

    /// Starts writing the dead-letter events down in `journal`, for a partial run.
    package func keepDeadLetterJournal(in journal: any DeadLetterJournal) {
        deadLetterJournal = journal
    }

    /// Each invoice failure's row, in read order (for a partial), its names as indices into
    /// ``rowNames``.
    package func forEachRow(_ body: (PartialOutcomeRow) throws -> Void) throws {
        try followUps.forEach { row in
            let (service, biller, source, day) = row.values
            try body(PartialOutcomeRow(reference: row.reference, service: Int32(service), biller: Int32(biller),
                                       source: Int32(source), day: Self.day(day)))
        }
    }

    /// The names the rows' indices point into.
    package var rowNames: [String] { names.all }

    /// This stage's index of each of another run's ``rowNames``, for ``append(_:)``.
    package func nameIndices(of otherNames: [String]) -> [Int32] {
        otherNames.map { names.index($0) }
    }

    /// Takes in a partial run's figures; its rows follow with ``append(_:)``, its dead-letter
    /// events with ``replay(_:)``, both in the merged run's read order.
    package func absorb(billers: BillerStats, services: ServiceStats) {
        figures.absorb(billers: billers, services: services)
    }

    package func replay(_ event: DeadLetterEvent) {
        figures.replay(event)
    }

    /// Takes a partial run's row, its names already this stage's indices (``nameIndices(of:)``).
    package func append(_ row: PartialOutcomeRow) throws {
        try followUps.append(row.reference, Int64(row.service), Int64(row.biller), Int64(row.source),
                             Int64(row.day ?? Int(Int32.min)))
    }

    /// Counts the stale failures per service and per biller pair and day, by name index, and
    /// moves each count at once: a name lookup per failure was most of the finish. Pairs whose
    /// recent failures would run out take their failures one by one, in read order.
    package func finish(stale: StaleVerdicts) throws {
        var perService: [Int64: Int] = [:]
        var perPair: [PairIndex: [Int?: Int]] = [:]
        try followUps.forEachStale(in: stale) { row in
            let (service, biller, source, day) = row.values
            perService[service, default: 0] += 1
            perPair[PairIndex(biller: biller, source: source), default: [:]][Self.day(day), default: 0] += 1
        }
        var services: [String: Int] = [:]
        for (index, count) in perService { services[name(index) ?? RecordFacts.noService, default: 0] += count }
        var pairs: [BillerKey: [Int?: Int]] = [:]
        for (pair, byDay) in perPair {
            guard let billerId = name(pair.biller) else { continue }
            pairs[BillerKey(billerId: billerId, sourceId: name(pair.source))] = byDay
        }
        let inOrder = figures.markStale(services: services, billers: pairs)
        guard !inOrder.isEmpty else { return }
        try followUps.forEachStale(in: stale) { row in
            let (_, biller, source, day) = row.values
            guard let billerId = name(biller) else { return }
            let pair = BillerKey(billerId: billerId, sourceId: name(source))
            if inOrder.contains(pair) { figures.markStale(pair: pair, day: Self.day(day)) }
        }
    }

    private struct PairIndex: Hashable {
        var biller: Int64
        var source: Int64
    }

    private func name(_ index: Int64) -> String? { names.name(Int32(index)) }

    private static func day(_ value: Int64) -> Int? { value == Int64(Int32.min) ? nil : Int(value) }
}
