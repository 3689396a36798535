import LogTriageModel

/// A group of retry-policy mismatches with one example: dead letters of one service after one
/// retryable category with the same retry count, so the report shows each distinct case once
/// with how often it happened.
public struct RetryMismatchExample: Sendable, Equatable {
    public var service: String
    /// The category of the error before the dead letter (or of the dead-letter record itself).
    public var category: Category
    public var retries: Int
    public var count: Int
    /// The earliest example seen (by time), its message id and text.
    public var time: Int64?
    public var messageId: String?
    public var message: String
    /// Whether the category came from a preceding error for the same id rather than from the
    /// dead-letter message itself.
    public var causeFromPrecedingError: Bool
}
