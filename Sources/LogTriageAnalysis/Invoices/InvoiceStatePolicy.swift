import LogTriageModel

/// Recognises invoice-state failures: the biller refusing one invoice for the invoice's own
/// state (unknown, already settled, closed, not payable), the only failures that can be stale.
///
/// A failure is invoice-state when its category allows it and any of these holds:
/// - a class of the exception chain (wrappers and causes alike) matches an `exception` pattern;
/// - a message matches a `message` pattern (substring or `/regex/`, case-insensitive);
/// - the HTTP status is one of `status` **and** a message or class of the chain mentions an
///   invoice: a bare 404 on `/api/balance` is a moved endpoint, not an invoice's state.
///
/// Failures whose category is about the call rather than the invoice (see
/// ``neverInvoiceState``) never count, whatever their text says: "timed out while settling
/// invoice INV-1" is a timeout.
public struct InvoiceStatePolicy: Sendable, Equatable {
    public var exception: [ClassPattern]
    public var message: [MessagePattern]
    public var status: [StatusPattern]

    /// Categories that describe the transport, credentials or capacity, never an invoice.
    public static let neverInvoiceState: Set<Category> = [.transient, .endpointAuth, .rateLimited, .deserialization, .resource]

    /// The word a message or class must contain for a status alone to count.
    static let invoiceMention = "invoice"

    /// Empty lists recognise nothing; the shipped defaults come from `defaults.yml`
    /// (`TriageConfiguration.defaults().invoiceStatePolicy`).
    public init(exception: [ClassPattern] = [], message: [MessagePattern] = [], status: [StatusPattern] = []) {
        self.exception = exception
        self.message = message
        self.status = status
    }

    /// Whether `evidence`, classified as `category`, is an invoice-state failure.
    public func isInvoiceStateFailure(_ evidence: ExceptionEvidence, category: Category) -> Bool {
        isInvoiceStateFailure(evidence, messages: evidence.messages.map(PreparedMessage.init), category: category)
    }

    /// The same, with the messages already prepared for classifying them.
    func isInvoiceStateFailure(_ prepared: PreparedEvidence, category: Category) -> Bool {
        isInvoiceStateFailure(prepared.evidence, messages: prepared.messages, category: category)
    }

    private func isInvoiceStateFailure(_ evidence: ExceptionEvidence, messages: [PreparedMessage], category: Category) -> Bool {
        guard !Self.neverInvoiceState.contains(category) else { return false }
        if evidence.chain.contains(where: { thrown in exception.contains { $0.matches(thrown) } }) { return true }
        if !message.isEmpty {
            let found = messages.contains { prepared in message.contains { $0.matches(prepared) } }
            if found { return true }
        }
        guard let code = evidence.httpStatus, status.contains(where: { $0.codes.contains(code) }) else { return false }
        let mention = MessageLiteral(Array(Self.invoiceMention.utf8))
        return messages.contains { $0.contains(mention) }
            || evidence.chain.contains { $0.simpleName.lowercased().contains(Self.invoiceMention) }
    }
}
