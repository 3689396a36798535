/// The fields every later stage reads, whatever the export called them.
///
/// Exports differ by agent and era (`level` vs `log.level`, `entity.name` vs `appName`,
/// `http.statusCode` vs `httpResponseCode`); each canonical field has an ordered alias list
/// (defaults in `Resources/defaults.yml`, replaceable per field in `triage.yml`).
public enum CanonicalField: String, CaseIterable, Sendable, Codable {
    case timestamp, message, level, service, host
    case errorClass, errorMessage, errorStack, traceId
    case billerId, sourceId, invoiceId, invoiceDate, accountId, outcome, durationMs, httpStatus

    /// Position in `allCases`, used to index per-field tables.
    public var index: Int { Self.indices[self]! }

    private static let indices: [CanonicalField: Int] =
        Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
}
