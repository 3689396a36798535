import LogTriageModel

/// What one record tells the ``DeadLetterDetector``: the facts its rules read, with the
/// message already scanned. A partial run keeps the events that changed its detector, so
/// that a merge can replay every part's in read order: whether a dead letter had a retryable
/// cause depends on the records before it, which may be in another part.
public struct DeadLetterEvent: Sendable, Equatable, Codable {
    public var service: String
    public var time: Int64?
    public var traceId: String?
    public var isError: Bool
    public var isWarning: Bool
    public var category: Category?
    public var retryable: Bool?
    public var evidence: RetryEvidence
    /// The message, only for a dead letter (its example), cut as examples are.
    public var message: String?

    package init(service: String, time: Int64?, traceId: String?, isError: Bool, isWarning: Bool, category: Category?,
                 retryable: Bool?, evidence: RetryEvidence, message: String?) {
        self.service = service
        self.time = time
        self.traceId = traceId
        self.isError = isError
        self.isWarning = isWarning
        self.category = category
        self.retryable = retryable
        self.evidence = evidence
        self.message = message
    }

    init(facts: RecordFacts, evidence: RetryEvidence, message: String, exampleLength: Int) {
        self.init(service: facts.service, time: facts.time, traceId: facts.traceId, isError: facts.isError,
                  isWarning: facts.isWarning, category: facts.category, retryable: facts.retryable, evidence: evidence,
                  message: evidence.isDeadLetter ? String(message.prefix(exampleLength)) : nil)
    }
}
