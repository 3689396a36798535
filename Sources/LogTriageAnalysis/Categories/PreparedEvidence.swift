/// Evidence with what every rule reads prepared once per classification: the messages
/// lower-cased, and the tokens and class-name words of ``EvidenceTokens``.
struct PreparedEvidence {
    let evidence: ExceptionEvidence
    let lowercasedMessages: [String]
    /// The same as UTF-8 bytes, for the substring search.
    let lowercasedBytes: [[UInt8]]
    let tokens: EvidenceTokens

    init(_ evidence: ExceptionEvidence) {
        self.evidence = evidence
        lowercasedMessages = evidence.messages.map { $0.lowercased() }
        lowercasedBytes = lowercasedMessages.map { Array($0.utf8) }
        tokens = EvidenceTokens(chain: evidence.chain, messages: evidence.messages)
    }
}
