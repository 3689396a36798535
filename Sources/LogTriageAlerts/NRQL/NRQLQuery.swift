/// An alert condition's NRQL query, parsed: what it selects, the event types, the WHERE
/// predicate and the FACET items.
///
/// Every construct of the NRQL New Relic's alert conditions use is read (see `NRQLParser`);
/// `description` prints a canonical form that parses back to an equal query, so proposals
/// the tool writes are valid NRQL.
public struct NRQLQuery: Sendable, Hashable, CustomStringConvertible {
    /// What the query computes per window: one number.
    public var select: NRQLExpression
    /// `AS 'label'` after the select, kept so the query prints as written.
    public var label: String?
    /// The `FROM` event types as written (`Log`, `Transaction`, …). Only `Log` is in a log
    /// export; a condition on any other is refused, never evaluated over log records.
    public var eventTypes: [String]
    /// The `WHERE` predicate; nil reads every record.
    public var predicate: NRQLPredicate?
    /// `FACET` items: each distinct combination of their values is its own signal.
    public var facetExpressions: [NRQLRowExpression]
    /// `LIMIT n` or `LIMIT MAX`: New Relic ignores it in conditions (every facet value is a
    /// signal), and so does the replay.
    public var limit: String?

    /// The event type of log records: the only one a log export holds.
    public static let logEventType = "Log"

    public init(select: NRQLExpression, label: String? = nil, eventTypes: [String] = ["Log"],
                predicate: NRQLPredicate? = nil, facetExpressions: [NRQLRowExpression] = [], limit: String? = nil) {
        self.select = select
        self.label = label
        self.eventTypes = eventTypes
        self.predicate = predicate
        self.facetExpressions = facetExpressions
        self.limit = limit
    }

    /// A query of one aggregate, as the proposals write them.
    public init(aggregate: NRQLAggregate, eventType: String = "Log", predicate: NRQLPredicate? = nil,
                facets: [String] = []) {
        self.init(select: .aggregate(aggregate), eventTypes: [eventType], predicate: predicate,
                  facetExpressions: facets.map(NRQLRowExpression.attribute))
    }

    /// The first event type.
    public var eventType: String { eventTypes.first ?? Self.logEventType }

    /// The first aggregate of the select (the only one in the queries proposals write).
    public var aggregate: NRQLAggregate { select.aggregates.first ?? .count }

    /// The FACET items as names: an attribute's name, an expression's NRQL text.
    public var facets: [String] { facetExpressions.map { $0.attributeName ?? $0.description } }

    /// The first function of the query whose value over log records would not be New
    /// Relic's, nil when there is none.
    public var functionWithoutMeaningOnLogs: String? {
        select.aggregates.lazy.compactMap(\.functionWithoutMeaningOnLogs).first
    }

    /// Parses `text`; errors name `condition` and the column of the offending construct.
    public static func parse(_ text: String, condition: String) throws(NRQLError) -> NRQLQuery {
        let length = text.unicodeScalars.count
        guard length <= maximumLength else {
            throw NRQLError(condition: condition, column: maximumLength + 1,
                            message: "a query of \(length) characters, over LogTriage's limit of \(maximumLength)",
                            isBeyondLimit: true)
        }
        let tokens = try NRQLLexer(text, condition: condition).tokens()
        var parser = NRQLParser(tokens: tokens, condition: condition)
        return try parser.query()
    }

    /// The query in canonical NRQL: `SELECT … FROM … [WHERE …] [FACET …] [LIMIT …]`,
    /// upper-case keywords, names backticked only when needed.
    public var description: String {
        var text = "SELECT \(select)"
        if let label { text += " AS \(NRQLValue.string(label))" }
        text += " FROM " + eventTypes.map(NRQLName.quoted).joined(separator: ", ")
        if let predicate { text += " WHERE \(predicate)" }
        if !facetExpressions.isEmpty { text += " FACET " + facetExpressions.map(\.description).joined(separator: ", ") }
        if let limit { text += " LIMIT \(limit)" }
        return text
    }

    /// Every attribute name the query reads (select, WHERE, FACET), each once in order of
    /// first appearance: the pipeline keeps these when scanning records.
    public var attributes: [String] {
        var names: [String] = []
        for aggregate in select.aggregates { aggregate.collectAttributes(into: &names) }
        predicate?.collectAttributes(into: &names)
        for facet in facetExpressions { facet.collectAttributes(into: &names) }
        return names
    }

    /// Whether the query is `count(*)` or `filter(count(*), …)`, whose quiet windows the
    /// proposals fill with 0 (`fill_option static 0`), so those windows read 0 in New Relic
    /// as in the proposals' backtest.
    public var zeroWhenEmpty: Bool {
        switch select {
        case .aggregate(.count), .aggregate(.filter): true
        default: false
        }
    }
}
