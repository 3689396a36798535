/// An alert condition's NRQL query, parsed: the one aggregate, the event type, the WHERE
/// predicate and the FACET attributes.
///
/// Only what New Relic allows in a condition and LogTriage can back-test is accepted
/// (see `NRQLParser` for the grammar); `description` prints a canonical form that parses
/// back to an equal query, so proposals the tool writes are valid NRQL.
public struct NRQLQuery: Sendable, Hashable, CustomStringConvertible {
    public var aggregate: NRQLAggregate
    /// The `FROM` event type as written (`Log`, `Transaction`, …). A log export holds one
    /// stream of records, so every event type reads the same records.
    public var eventType: String
    /// The `WHERE` predicate; nil reads every record.
    public var predicate: NRQLPredicate?
    /// `FACET` attributes: each distinct combination of their values is its own signal.
    public var facets: [String]

    public init(aggregate: NRQLAggregate, eventType: String = "Log", predicate: NRQLPredicate? = nil,
                facets: [String] = []) {
        self.aggregate = aggregate
        self.eventType = eventType
        self.predicate = predicate
        self.facets = facets
    }

    /// The event type of log records: the only one a log export holds.
    public static let logEventType = "Log"

    /// Every event type of `FROM`.
    public var eventTypes: [String] { [eventType] }

    /// The first function of the query whose value over log records would not be New
    /// Relic's, nil when there is none.
    public var functionWithoutMeaningOnLogs: String? { nil }

    /// Parses `text`; errors name `condition` and the column of the offending construct.
    public static func parse(_ text: String, condition: String) throws(NRQLError) -> NRQLQuery {
        let tokens = try NRQLLexer(text, condition: condition).tokens()
        var parser = NRQLParser(tokens: tokens, condition: condition)
        return try parser.query()
    }

    /// The query in canonical NRQL: `SELECT … FROM … [WHERE …] [FACET …]`, upper-case
    /// keywords, names backticked only when needed.
    public var description: String {
        var text = "SELECT \(aggregate) FROM \(NRQLName.quoted(eventType))"
        if let predicate { text += " WHERE \(predicate)" }
        if !facets.isEmpty { text += " FACET " + facets.map(NRQLName.quoted).joined(separator: ", ") }
        return text
    }

    /// Every attribute name the query reads (aggregate, WHERE, FACET), each once in order of
    /// first appearance: the pipeline keeps these when scanning records.
    public var attributes: [String] {
        var names = aggregate.attributes
        predicate?.collectAttributes(into: &names)
        for facet in facets where !names.contains(facet) { names.append(facet) }
        return names
    }

    /// Whether a window in which no record passes the WHERE reads 0 (true) or has no value
    /// (false): the backtest semantics the issue fixes, documented for users.
    ///
    /// True for `count(*)` and `filter()`: a quiet window counts nothing, so it reads 0 and
    /// can close an incident. (New Relic itself sends no data point for an empty `count()`
    /// window; the proposals therefore use `filter()`, which reads 0 there too.) False for
    /// `percentage()` and the value aggregates: with no records there is nothing to take a
    /// share, an average or a percentile of, so the window is left out of the sequence.
    public var zeroWhenEmpty: Bool {
        switch aggregate {
        case .count, .filter: true
        default: false
        }
    }
}
