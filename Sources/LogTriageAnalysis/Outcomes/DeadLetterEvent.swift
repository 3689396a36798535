import LogTriageModel

/// What one record tells the ``DeadLetterDetector``: the facts its rules read, with the
/// message already scanned. A partial run keeps the events that changed its detector, so
/// that a merge can replay every part's in read order: whether a dead letter had a retryable
/// cause depends on the records before it, which may be in another part.
public struct DeadLetterEvent: Sendable, Equatable, Codable {
    public var service: String
    public var time: Int64?
    /// The record's message id and trace id as the keys the detector remembers errors by
    /// (``RecentErrorMap/key(_:_:)``): an event keeps no id text but a dead letter's message
    /// id (its example), so a partial's events are small and replay without hashing text.
    public var messageKey: UInt64?
    public var traceKey: UInt64?
    public var isError: Bool
    public var isWarning: Bool
    public var category: Category?
    public var retryable: Bool?
    /// The message scan; its message id is kept only for a dead letter.
    public var evidence: RetryEvidence
    /// The message, only for a dead letter (its example), cut as examples are.
    public var message: String?

    package init(service: String, time: Int64?, messageKey: UInt64?, traceKey: UInt64?, isError: Bool, isWarning: Bool,
                 category: Category?, retryable: Bool?, evidence: RetryEvidence, message: String?) {
        self.service = service
        self.time = time
        self.messageKey = messageKey
        self.traceKey = traceKey
        self.isError = isError
        self.isWarning = isWarning
        self.category = category
        self.retryable = retryable
        self.evidence = evidence
        self.message = message
    }

    init(facts: RecordFacts, evidence: RetryEvidence, message: String, exampleLength: Int) {
        var kept = evidence
        if !evidence.isDeadLetter { kept.messageId = nil }
        self.init(service: facts.service, time: facts.time, messageKey: evidence.messageId.map { RecentErrorMap.key(.messageId, $0) },
                  traceKey: facts.traceId.map { RecentErrorMap.key(.traceId, $0) }, isError: facts.isError,
                  isWarning: facts.isWarning, category: facts.category, retryable: facts.retryable, evidence: kept,
                  message: evidence.isDeadLetter ? String(message.prefix(exampleLength)) : nil)
    }

    /// The keys the record is tied to others by: its message id's, then its trace id's.
    var keys: Keys { Keys(message: messageKey, trace: traceKey) }

    /// At most two keys, handed out without an array: the detector asks every event it reads or
    /// replays for them, and an array of them was an allocation per record.
    struct Keys: Sequence, IteratorProtocol {
        fileprivate var message: UInt64?
        fileprivate var trace: UInt64?

        var isEmpty: Bool { message == nil && trace == nil }

        mutating func next() -> UInt64? {
            if let key = message {
                message = nil
                return key
            }
            defer { trace = nil }
            return trace
        }
    }
}
