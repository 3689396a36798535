/// Evidence with its messages lower-cased once for all rules of a classification.
struct PreparedEvidence {
    let evidence: ExceptionEvidence
    let lowercasedMessages: [String]

    init(_ evidence: ExceptionEvidence) {
        self.evidence = evidence
        lowercasedMessages = evidence.messages.map { $0.lowercased() }
    }
}
