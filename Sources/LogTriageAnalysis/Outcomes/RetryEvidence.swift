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
        let deadLetter: EvidencePatternSet
        let retry: EvidencePatternSet
        /// Passes over the phrases at once for most messages (nil: every message is searched).
        let filter: PhraseFilter?

        public init(policy: RetryPolicy) {
            let deadLetter = policy.deadLetterPatterns.compactMap(EvidencePattern.init)
            let retry = policy.retryPatterns.compactMap(EvidencePattern.init)
            self.deadLetter = EvidencePatternSet(deadLetter)
            self.retry = EvidencePatternSet(retry)
            filter = PhraseFilter(phrases: deadLetter + retry)
        }

        /// Below this many bytes a message is searched for each pattern directly: building
        /// its trigram filter (a 4 KiB bit set) would cost more than the searches it skips.
        static let filterBytes = 512

        /// Reads the first ``TextLimits/ruleTextBytes`` of `message`, as classification does.
        public func scan(_ message: String) -> RetryEvidence {
            var message = TextLimits.prefix(message, bytes: TextLimits.ruleTextBytes)
            return message.withUTF8 { scan($0) }
        }

        /// The same over the bytes of a message already cut to its first
        /// ``TextLimits/ruleTextBytes``: lower-cased on the stack, searched in place. Runs on
        /// every record with a message.
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> RetryEvidence {
            var evidence = RetryEvidence()
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count, 1)) { buffer in
                EvidencePattern.lowercase(bytes, into: buffer)
                let lowercased = UnsafeBufferPointer(rebasing: buffer[0..<bytes.count])
                if let filter, !filter.mayMatch(lowercased) { return }
                let trigrams = bytes.count >= Self.filterBytes ? TrigramFilter(lowercased) : nil
                for index in 0..<deadLetter.count {
                    let match = deadLetter.match(index, in: lowercased, trigrams: trigrams)
                    guard match.matched else { continue }
                    evidence.isDeadLetter = true
                    if evidence.retryCount == nil { evidence.retryCount = match.number }
                }
                for index in 0..<retry.count {
                    let match = retry.match(index, in: lowercased, trigrams: trigrams)
                    guard match.matched else { continue }
                    evidence.isRetry = true
                    if evidence.retryCount == nil { evidence.retryCount = match.number }
                }
            }
            evidence.messageId = MessageIdentifier.first(in: bytes)
            return evidence
        }
    }
}
