import LogTriageBasics
import LogTriageModel

/// What the outcome accumulators need to know about one record, already extracted by the
/// pipeline, so ``BillerStats``, ``ServiceStats`` and ``DeadLetterDetector`` never read a
/// ``RecordView`` themselves and can be fed from tests or other sources alike.
public struct RecordFacts: Sendable {
    /// Epoch milliseconds; nil when the record had no readable timestamp.
    public var time: Int64?
    /// The record's service, `(none)` when it names none.
    public var service: String
    public var billerId: String?
    public var sourceId: String?
    public var accountId: String?
    public var invoiceDate: String?
    public var traceId: String?
    public var isError: Bool
    public var isWarning: Bool
    /// Whether an error record carries a stack trace; errors without one are hard to triage.
    public var hasStack: Bool
    /// The raw `outcome` value, which wins over the level when deciding success or failure.
    public var outcome: String? {
        didSet { namedOutcome = outcome.flatMap(CallOutcome.named) }
    }
    /// What ``outcome`` names, worked out once: several stages ask each record for its
    /// ``callOutcome``.
    private var namedOutcome: CallOutcome?
    public var durationMs: Double?
    /// The message text, needed only for errors and warnings (dead-letter and retry evidence).
    public var message: String?
    /// The record's cluster category when it is an error, warning or slow record.
    public var category: Category?
    public var retryable: Bool?

    /// The service name used when a record names none.
    public static let noService = "(none)"

    public init(time: Int64? = nil, service: String = RecordFacts.noService, billerId: String? = nil,
                sourceId: String? = nil, accountId: String? = nil, invoiceDate: String? = nil,
                traceId: String? = nil, isError: Bool = false, isWarning: Bool = false, hasStack: Bool = false,
                outcome: String? = nil, durationMs: Double? = nil, message: String? = nil,
                category: Category? = nil, retryable: Bool? = nil) {
        self.init(time: time, service: service, billerId: billerId, sourceId: sourceId, accountId: accountId,
                  invoiceDate: invoiceDate, traceId: traceId, isError: isError, isWarning: isWarning, hasStack: hasStack,
                  outcome: outcome.map { (text: $0, named: CallOutcome.named($0)) }, durationMs: durationMs,
                  message: message, category: category, retryable: retryable)
    }

    /// The same, with what `outcome` names worked out already (``CallOutcome/named(_:)``
    /// of it): the pipeline reads it once per distinct text.
    package init(time: Int64?, service: String, billerId: String?, sourceId: String?, accountId: String?,
                 invoiceDate: String?, traceId: String?, isError: Bool, isWarning: Bool, hasStack: Bool,
                 outcome: (text: String, named: CallOutcome?)?, durationMs: Double?, message: String?,
                 category: Category?, retryable: Bool?) {
        self.time = time
        self.service = service
        self.billerId = billerId
        self.sourceId = sourceId
        self.accountId = accountId
        self.invoiceDate = invoiceDate
        self.traceId = traceId
        self.isError = isError
        self.isWarning = isWarning
        self.hasStack = hasStack
        self.outcome = outcome?.text
        namedOutcome = outcome?.named
        self.durationMs = durationMs
        self.message = message
        self.category = category
        self.retryable = retryable
    }

    /// Success or failure: from `outcome` when it names one, else from the level.
    public var callOutcome: CallOutcome { namedOutcome ?? (isError ? .failure : .success) }

    /// The UTC day of ``time`` (days since 1970-01-01), nil without a time.
    public var day: Int? { time.map(UTCDay.of) }
}
