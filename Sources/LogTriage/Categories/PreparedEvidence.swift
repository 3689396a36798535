/// Evidence with what every rule reads prepared once per classification: the messages
/// lower-cased, and the tokens and class-name words of ``EvidenceTokens``.
struct PreparedEvidence {
    let evidence: ExceptionEvidence
    let lowercasedMessages: [String]
    let tokens: EvidenceTokens

    init(_ evidence: ExceptionEvidence) {
        self.evidence = evidence
        lowercasedMessages = evidence.messages.map { $0.lowercased() }
        tokens = EvidenceTokens(chain: evidence.chain, messages: evidence.messages)
    }
}
