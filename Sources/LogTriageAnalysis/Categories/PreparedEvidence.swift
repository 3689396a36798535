/// Evidence with what every rule reads prepared once per classification: the messages
/// (lower-cased, with their trigram filters) and the tokens and class-name words of
/// ``EvidenceTokens``.
struct PreparedEvidence {
    let evidence: ExceptionEvidence
    let messages: [PreparedMessage]
    let tokens: EvidenceTokens

    init(_ evidence: ExceptionEvidence) {
        self.evidence = evidence
        messages = evidence.messages.map(PreparedMessage.init)
        tokens = EvidenceTokens(chain: evidence.chain, messages: evidence.messages)
    }
}
