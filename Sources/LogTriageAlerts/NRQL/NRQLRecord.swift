/// Reads attribute values of one record for evaluation.
///
/// Conditions name attributes as New Relic stores them (dotted, flattened names); an adapter
/// decides where each comes from (`RecordViewNRQL` for the pipeline, `NRQLAttributes` for
/// tests and hand-built records).
public protocol NRQLRecord {
    /// The attribute's value, nil when the record does not carry it (or carries JSON null).
    func value(of attribute: String) -> NRQLValue?
    /// How the attribute's value stands against the string `literal`: the most common test
    /// in conditions (`service = 'pump'`), which a record can answer from its bytes without
    /// building a string.
    func match(_ attribute: String, string literal: String) -> NRQLStringMatch
}

/// The answer to "is this attribute the string …?".
public enum NRQLStringMatch: Sendable {
    /// The record does not carry the attribute.
    case absent
    case equal
    case different
    /// A number, boolean or other value: compared by NRQL's rules for mixed kinds.
    case notAString
}

extension NRQLRecord {
    public func match(_ attribute: String, string literal: String) -> NRQLStringMatch {
        switch value(of: attribute) {
        case nil: .absent
        case let .string(text)?: text == literal ? .equal : .different
        default: .notAString
        }
    }
}

/// A record held as a dictionary of attribute values.
///
/// For tests and for callers that build records by hand; the pipeline reads records through
/// `RecordViewNRQL` without copying them.
public struct NRQLAttributes: NRQLRecord, Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public var values: [String: NRQLValue]

    public init(_ values: [String: NRQLValue]) { self.values = values }

    public init(dictionaryLiteral elements: (String, NRQLValue)...) {
        values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public func value(of attribute: String) -> NRQLValue? { values[attribute] }
}
