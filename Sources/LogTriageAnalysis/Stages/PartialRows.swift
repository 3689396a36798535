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

/// An invoice failure of a partial run, for the outcome figures: if the merged run's verdicts
/// judge it stale, it moves out of its biller's and service's recent failures.
package struct PartialOutcomeRow: Codable, Sendable {
    package var reference: Int64
    package var service: String
    package var billerId: String?
    package var sourceId: String?
    package var day: Int?

    package init(reference: Int64, service: String, billerId: String?, sourceId: String?, day: Int?) {
        self.reference = reference
        self.service = service
        self.billerId = billerId
        self.sourceId = sourceId
        self.day = day
    }
}
