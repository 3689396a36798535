import LogTriageModel

/// Dead letters and retry-policy mismatches of one service.
public struct DeadLetterFigures: Sendable, Equatable {
    public internal(set) var deadLetters = 0
    /// Dead letters after a retryable error with at most `maxRetriesForMismatch` retries.
    public internal(set) var retryMismatches = 0
    /// Messages reporting a retry or requeue.
    public internal(set) var retries = 0
    public internal(set) var deadLettersByDay: [Int: Int] = [:]
    public internal(set) var mismatchesByDay: [Int: Int] = [:]
    /// The category before each dead letter: of the preceding error for the same id, else the
    /// dead-letter record's own.
    public internal(set) var causes: [Category: Int] = [:]
    /// Dead letters with no category found at all.
    public internal(set) var unknownCauses = 0

    public init() {}

    mutating func merge(_ other: DeadLetterFigures) {
        deadLetters += other.deadLetters
        retryMismatches += other.retryMismatches
        retries += other.retries
        for (day, count) in other.deadLettersByDay { deadLettersByDay[day, default: 0] += count }
        for (day, count) in other.mismatchesByDay { mismatchesByDay[day, default: 0] += count }
        for (category, count) in other.causes { causes[category, default: 0] += count }
        unknownCauses += other.unknownCauses
    }
}
