import Foundation
import LogTriageBasics
import LogTriageIngest

/// The per-biller, per-service and dead-letter figures of a run, fed one record at a time.
///
/// Strings are copied out of a record only when a figure needs them: the message (for
/// dead-letter and retry evidence) only for errors, warnings and messages that mention a
/// retry or a dead letter, so the common success record costs a few small strings. The
/// facts are built once per record and shared with the stale-invoice stage.
public struct OutcomeFigures: Sendable {
    public private(set) var billers = BillerStats()
    public private(set) var services = ServiceStats()
    public private(set) var deadLetters: DeadLetterDetector

    public init(policy: RetryPolicy) {
        deadLetters = DeadLetterDetector(policy: policy)
    }

    /// The facts of `record`, for these figures and the stale-invoice stage alike; its service,
    /// biller and source as the caller interned them (``RecordContextBuilder``), and its
    /// outcome and invoice date as the caller read them (with what the outcome names).
    package static func facts(of record: RecordView, severity: RecordSeverity, placement: ErrorClusterer.Placement?,
                              service: String, billerId: String?, sourceId: String?,
                              outcome: (text: String, named: CallOutcome?)?, invoiceDate: String?) -> RecordFacts {
        let wantsMessage = severity != .other || Self.mentionsRetryOrDeadLetter(record)
        return RecordFacts(
            time: record.timestampMilliseconds,
            service: service, billerId: billerId, sourceId: sourceId,
            accountId: record.string(.accountId), invoiceDate: invoiceDate,
            traceId: wantsMessage ? record.string(.traceId) : (record.value(.traceId) == nil ? nil : ""),
            isError: severity == .error, isWarning: severity == .warning,
            hasStack: record.rawBytes(.errorStack) != nil, outcome: outcome,
            durationMs: record.value(.durationMs).flatMap { DecimalText.value($0.bytes) },
            message: wantsMessage ? (record.embeddedMessageText ?? record.string(.message) ?? record.string(.errorMessage)) : nil,
            category: placement?.category, retryable: placement?.retryable)
    }

    /// Returns what the record told the dead-letter detector, when it changed it.
    @discardableResult
    package mutating func consume(_ facts: RecordFacts) -> DeadLetterEvent? {
        billers.consume(facts)
        services.consume(facts)
        return facts.message != nil ? deadLetters.consume(facts) : nil
    }

    /// The same, for a record whose names the run interned as `names`.
    @discardableResult
    package mutating func consume(_ facts: RecordFacts, names: RecordNames) -> DeadLetterEvent? {
        billers.consume(facts, billerId: names.billerId, sourceId: names.sourceId)
        services.consume(facts, service: names.service)
        return facts.message != nil ? deadLetters.consume(facts) : nil
    }

    /// Takes in a partial run's biller and service figures (before stale failures are moved).
    package mutating func absorb(billers: BillerStats, services: ServiceStats) {
        self.billers.merge(billers)
        self.services.merge(services)
    }

    /// Replays a partial run's dead-letter event, in the merged run's read order.
    package mutating func replay(_ event: DeadLetterEvent) {
        deadLetters.replay(event)
    }

    /// Moves one failure from recent to stale once the stale-invoice verdicts are in.
    package mutating func markStale(service: String, billerId: String?, sourceId: String?, day: Int?) {
        services.markStale(service: service)
        if let billerId { billers.markStale(billerId: billerId, sourceId: sourceId, day: day) }
    }

    /// The stale failures of one finish counted first and moved at once: per service, and per
    /// biller pair and day. The same as one ``markStale(service:billerId:sourceId:day:)`` per
    /// failure in read order, except for the pairs returned: those whose recent failures would
    /// run out, where order decides the days. They are left unchanged, for the caller to move
    /// one failure at a time in read order (``markStale(pair:day:)``).
    package mutating func markStale(services counts: [String: Int], billers pairs: [BillerKey: [Int?: Int]]) -> Set<BillerKey> {
        for (service, count) in counts { services.markStale(service: service, count: count) }
        var inOrder: Set<BillerKey> = []
        for (pair, byDay) in pairs where !billers.markStale(billerId: pair.billerId, sourceId: pair.sourceId, byDay: byDay) {
            inOrder.insert(pair)
        }
        return inOrder
    }

    /// One failure of a pair ``markStale(services:billers:)`` left to be moved in order.
    package mutating func markStale(pair: BillerKey, day: Int?) {
        billers.markStale(billerId: pair.billerId, sourceId: pair.sourceId, day: day)
    }

    /// A cheap look for `retry`, `retri`, `requeue`, `DLQ`, `dead` or `Dead` in the message bytes.
    private static func mentionsRetryOrDeadLetter(_ record: RecordView) -> Bool {
        guard let message = record.value(.message) else { return false }
        return mentionsRetryOrDeadLetter(message.bytes)
    }

    /// Whether `bytes` hold `retry`, `retri`, `DLQ`, `dead`, `Dead` or `requeue`: one pass,
    /// stopping only at the bytes those words start with, rather than a search per word (this
    /// runs on every record that is neither an error nor a warning). Eight bytes are looked at
    /// together: a word holding no `r`, `d` or `D` (nor `R`, which case folding lets through)
    /// is skipped whole.
    static func mentionsRetryOrDeadLetter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        func holds(_ word: StaticString, at offset: Int) -> Bool {
            word.utf8CodeUnitCount <= count - offset && memcmp(base + offset, word.utf8Start, word.utf8CodeUnitCount) == 0
        }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var offset = 0
        while offset + 3 <= count {
            if count - offset >= 8 {
                // Case folded, `r` and `R` read 0x72, `d` and `D` 0x64; the lowest flagged byte
                // is the first that does (flags above it may be false).
                let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self) | (ones &* 0x20)
                let r = word ^ (ones &* 0x72), d = word ^ (ones &* 0x64)
                let starts = (((r &- ones) & ~r) | ((d &- ones) & ~d)) & highs
                guard starts != 0 else {
                    offset += 8
                    continue
                }
                offset += starts.trailingZeroBitCount >> 3
            }
            switch base[offset] {
            case UInt8(ascii: "r"):
                if holds("retr", at: offset) && (holds("retry", at: offset) || holds("retri", at: offset)) { return true }
                if holds("requeue", at: offset) { return true }
            case UInt8(ascii: "d"): if holds("dead", at: offset) { return true }
            case UInt8(ascii: "D"): if holds("Dead", at: offset) || holds("DLQ", at: offset) { return true }
            default: break
            }
            offset += 1
        }
        return false
    }
}
