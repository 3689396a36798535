import LogTriageIngest

/// A condition's query compiled against the record schema of a run: its `WHERE`, the inner
/// `WHERE` of `filter()`/`percentage()` and its `FACET` items read records through bound
/// attributes (see ``NRQLCompiledPredicate``), and facet values come out as bytes for a
/// ``InternedTexts`` to intern, so a record that matches builds no string.
///
/// A class, so the stage reaching for a condition's compiled query per record copies one
/// reference, not the query's parts.
public final class NRQLCompiledQuery: Sendable {
    public let query: NRQLQuery
    public let predicate: NRQLCompiledPredicate?
    /// The inner `WHERE` of `filter(count(*), …)` or `percentage(count(*), …)`: the records
    /// it passes are those the condition counts.
    public let innerPredicate: NRQLCompiledPredicate?
    private let facets: [Facet]

    private enum Facet: Sendable {
        case attribute(NRQLBoundAttribute)
        case expression(NRQLRowExpression)
    }

    public init(_ query: NRQLQuery, binding: NRQLAttributeBinding) {
        self.query = query
        predicate = query.predicate.map { NRQLCompiledPredicate($0, binding: binding) }
        innerPredicate = Self.innerPredicate(of: query).map { NRQLCompiledPredicate($0, binding: binding) }
        facets = query.facetExpressions.map { expression in
            expression.attributeName.map { .attribute(binding.bind($0)) } ?? .expression(expression)
        }
    }

    /// The inner `WHERE` of a `SELECT` that is `filter(count(*), …)` or `percentage(count(*), …)`.
    public static func innerPredicate(of query: NRQLQuery) -> NRQLPredicate? {
        switch query.select {
        case let .aggregate(.filter(predicate)), let .aggregate(.percentage(predicate)): predicate
        default: nil
        }
    }

    /// Whether `record` passes the `WHERE` (every record does without one).
    public func passesWhere(_ record: RecordViewNRQL) -> Bool {
        predicate?.evaluate(record) ?? true
    }

    /// Whether `record` passes the inner `WHERE` (every record does without one).
    public func passesInner(_ record: RecordViewNRQL) -> Bool {
        innerPredicate?.evaluate(record) ?? true
    }

    /// Whether the query has `FACET` items.
    public var isFaceted: Bool { !facets.isEmpty }

    /// Writes the record's facet value into `key` (replacing its contents): the text of each
    /// `FACET` item, joined by `", "`, as the value names its signal. False when the record
    /// lacks an item's value (it then belongs to no signal).
    public func facetKey(_ record: RecordViewNRQL, into key: inout [UInt8]) -> Bool {
        key.removeAll(keepingCapacity: true)
        for (position, facet) in facets.enumerated() {
            if position > 0 { key.append(UInt8(ascii: ",")); key.append(UInt8(ascii: " ")) }
            switch facet {
            case let .attribute(attribute):
                switch record.reading(attribute) {
                case .absent: return false
                case let .level(level): key.append(contentsOf: level.utf8)
                case let .value(raw): Self.appendText(of: raw, to: &key)
                }
            case let .expression(expression):
                guard let value = expression.value(record) else { return false }
                key.append(contentsOf: value.text.utf8)
            }
        }
        return true
    }

    /// A kept value's ``NRQLValue/text``: a string's (or JSON text's) bytes as they are, a
    /// number as NRQL prints it, a boolean as `true`/`false`.
    private static func appendText(of raw: RecordView.Value, to key: inout [UInt8]) {
        switch raw.kind {
        case .string, .object, .array:
            key.append(contentsOf: raw.bytes)
        case .number, .bool, .null:
            if let value = RecordViewNRQL.value(raw) { key.append(contentsOf: value.text.utf8) }
        }
    }
}
