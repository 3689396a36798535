/// What one message says about delivery: dead-lettered, retried, and how many retries.
public struct RetryEvidence: Sendable, Equatable, Codable {
    public var isDeadLetter = false
    public var isRetry = false
    /// The count from `after {n} retries`, `retry attempt {n} of …` and the like.
    public var retryCount: Int?
    /// The first UUID or `id=`-style token (``MessageIdentifier``).
    public var messageId: String?

    public init(isDeadLetter: Bool = false, isRetry: Bool = false, retryCount: Int? = nil, messageId: String? = nil) {
        self.isDeadLetter = isDeadLetter
        self.isRetry = isRetry
        self.retryCount = retryCount
        self.messageId = messageId
    }

    /// Reads `message` with the policy's patterns compiled once (``RetryEvidence/Scanner``).
    public struct Scanner: Sendable {
        let deadLetter: [EvidencePattern]
        let retry: [EvidencePattern]

        public init(policy: RetryPolicy) {
            deadLetter = policy.deadLetterPatterns.compactMap(EvidencePattern.init)
            retry = policy.retryPatterns.compactMap(EvidencePattern.init)
        }

        /// Reads the first ``TextLimits/ruleTextBytes`` of `message`, as classification does.
        public func scan(_ message: String) -> RetryEvidence {
            let message = TextLimits.prefix(message, bytes: TextLimits.ruleTextBytes)
            let lowercased = EvidencePattern.lowercasedBytes(message)
            let trigrams = TrigramFilter(lowercased)
            var evidence = RetryEvidence()
            for pattern in deadLetter {
                let match = pattern.match(lowercased, trigrams: trigrams)
                guard match.matched else { continue }
                evidence.isDeadLetter = true
                if evidence.retryCount == nil { evidence.retryCount = match.number }
            }
            for pattern in retry {
                let match = pattern.match(lowercased, trigrams: trigrams)
                guard match.matched else { continue }
                evidence.isRetry = true
                if evidence.retryCount == nil { evidence.retryCount = match.number }
            }
            evidence.messageId = MessageIdentifier.first(in: message)
            return evidence
        }
    }
}
