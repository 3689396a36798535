import LogTriageBasics

/// What services.csv and the data-quality part of the report know about one service.
///
/// The `missing…` counts are over all of the service's records: a service that never sends
/// `sourceId` makes every one of its failures impossible to pin on a source.
public struct ServiceFigures: Sendable, Codable {
    public internal(set) var records = 0
    public internal(set) var errors = 0
    public internal(set) var warnings = 0
    public internal(set) var failures = 0
    /// Failures explained by a stale invoice (``ServiceStats/markStale(service:)``).
    public internal(set) var staleFailures = 0
    public internal(set) var missingSourceId = 0
    public internal(set) var missingBillerId = 0
    public internal(set) var missingAccountId = 0
    public internal(set) var missingInvoiceDate = 0
    public internal(set) var missingTraceId = 0
    /// Error records without a stack trace, which leave triage only the message to go on.
    public internal(set) var errorsWithoutStack = 0
    /// Failures of records without `sourceId`: they cannot be attributed to a source.
    public internal(set) var unattributedFailures = 0
    public internal(set) var latency = LatencyHistogram()

    public init() {}

    public var missingSourceIdRatio: Double { ratio(missingSourceId) }
    public var missingBillerIdRatio: Double { ratio(missingBillerId) }
    public var missingAccountIdRatio: Double { ratio(missingAccountId) }
    public var missingInvoiceDateRatio: Double { ratio(missingInvoiceDate) }
    public var missingTraceIdRatio: Double { ratio(missingTraceId) }

    private func ratio(_ count: Int) -> Double { records == 0 ? 0 : Double(count) / Double(records) }

    mutating func add(_ facts: RecordFacts) {
        records += 1
        if facts.isError {
            errors += 1
            if !facts.hasStack { errorsWithoutStack += 1 }
        } else if facts.isWarning {
            warnings += 1
        }
        let failed = facts.callOutcome == .failure
        if failed { failures += 1 }
        if facts.sourceId == nil {
            missingSourceId += 1
            if failed { unattributedFailures += 1 }
        }
        if facts.billerId == nil { missingBillerId += 1 }
        if facts.accountId == nil { missingAccountId += 1 }
        if facts.invoiceDate == nil { missingInvoiceDate += 1 }
        if facts.traceId == nil { missingTraceId += 1 }
        if let durationMs = facts.durationMs { latency.record(milliseconds: durationMs) }
    }

    mutating func markStale() -> Bool {
        guard staleFailures < failures else { return false }
        staleFailures += 1
        return true
    }

    mutating func markStale(count: Int) {
        staleFailures += min(count, failures - staleFailures)
    }

    mutating func merge(_ other: ServiceFigures) {
        records += other.records
        errors += other.errors
        warnings += other.warnings
        failures += other.failures
        staleFailures += other.staleFailures
        missingSourceId += other.missingSourceId
        missingBillerId += other.missingBillerId
        missingAccountId += other.missingAccountId
        missingInvoiceDate += other.missingInvoiceDate
        missingTraceId += other.missingTraceId
        errorsWithoutStack += other.errorsWithoutStack
        unattributedFailures += other.unattributedFailures
        latency.merge(other.latency)
    }
}

/// Read back from a partial: counts that do not fit together, as a read makes them, are a
/// corrupted file, not a negative figure in the report.
extension ServiceFigures {
    private enum CodingKeys: String, CodingKey {
        case records, errors, warnings, failures, staleFailures, missingSourceId, missingBillerId, missingAccountId
        case missingInvoiceDate, missingTraceId, errorsWithoutStack, unattributedFailures, latency
    }

    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        records = try values.decodeCount(forKey: .records)
        errors = try values.decodeCount(forKey: .errors, atMost: records)
        warnings = try values.decodeCount(forKey: .warnings, atMost: records - errors)
        failures = try values.decodeCount(forKey: .failures, atMost: records)
        staleFailures = try values.decodeCount(forKey: .staleFailures, atMost: failures)
        missingSourceId = try values.decodeCount(forKey: .missingSourceId, atMost: records)
        missingBillerId = try values.decodeCount(forKey: .missingBillerId, atMost: records)
        missingAccountId = try values.decodeCount(forKey: .missingAccountId, atMost: records)
        missingInvoiceDate = try values.decodeCount(forKey: .missingInvoiceDate, atMost: records)
        missingTraceId = try values.decodeCount(forKey: .missingTraceId, atMost: records)
        errorsWithoutStack = try values.decodeCount(forKey: .errorsWithoutStack, atMost: errors)
        unattributedFailures = try values.decodeCount(forKey: .unattributedFailures, atMost: failures)
        latency = try values.decode(LatencyHistogram.self, forKey: .latency)
    }
}
