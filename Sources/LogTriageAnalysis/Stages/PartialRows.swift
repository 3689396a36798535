/// A dead-letter event of a partial run, with where its record was read: the merge replays
/// every part's events in the order one run would have read their records.
package struct PartialDeadLetterEvent: Codable, Sendable {
    package var file: Int
    package var ordinal: Int64
    package var event: DeadLetterEvent

    package init(file: Int, ordinal: Int64, event: DeadLetterEvent) {
        self.file = file
        self.ordinal = ordinal
        self.event = event
    }
}

/// Where a partial run's dead-letter events are written down as they come, in read order:
/// a week holds hundreds of thousands of them (one for each error, warning or retry that changes
/// the detector), too many to hold until the run ends.
package protocol DeadLetterJournal: AnyObject {
    func append(_ event: PartialDeadLetterEvent) throws
}

/// An invoice failure of a partial run, for the outcome figures: if the merged run's verdicts
/// judge it stale, it moves out of its biller's and service's recent failures. Its service,
/// biller and source are indices into the run's names (``OutcomeStage/rowNames``; -1: none),
/// so the merge takes each row without reading or hashing a name.
package struct PartialOutcomeRow: Codable, Sendable, Equatable {
    package var reference: Int64
    package var service: Int32
    package var biller: Int32
    package var source: Int32
    package var day: Int?

    package init(reference: Int64, service: Int32, biller: Int32, source: Int32, day: Int?) {
        self.reference = reference
        self.service = service
        self.biller = biller
        self.source = source
        self.day = day
    }
}
