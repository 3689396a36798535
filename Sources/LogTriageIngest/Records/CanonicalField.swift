/// The fields every later stage reads, whatever the export called them.
///
/// Exports differ by agent and era (`level` vs `log.level`, `entity.name` vs `appName`,
/// `http.statusCode` vs `httpResponseCode`); each canonical field has an ordered alias list
/// (defaults in `Resources/defaults.yml`, replaceable per field in `triage.yml`).
public enum CanonicalField: String, CaseIterable, Sendable, Codable {
    case timestamp, message, level, service, host
    case errorClass, errorMessage, errorStack, traceId
    case billerId, sourceId, invoiceId, invoiceDate, accountId, outcome, durationMs, httpStatus

    /// Position in `allCases`, used to index per-field tables (a switch, not a hash
    /// lookup: it runs several times per record).
    @inlinable public var index: Int {
        switch self {
        case .timestamp: 0
        case .message: 1
        case .level: 2
        case .service: 3
        case .host: 4
        case .errorClass: 5
        case .errorMessage: 6
        case .errorStack: 7
        case .traceId: 8
        case .billerId: 9
        case .sourceId: 10
        case .invoiceId: 11
        case .invoiceDate: 12
        case .accountId: 13
        case .outcome: 14
        case .durationMs: 15
        case .httpStatus: 16
        }
    }
}
