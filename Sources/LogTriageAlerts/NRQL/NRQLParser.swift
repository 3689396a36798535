/// Recursive-descent parser for the NRQL that alert conditions use.
///
/// Grammar (keywords in any case; SELECT and FROM in either order, then WHERE and FACET in
/// either order, each at most once):
///
///     query      = (select from | from select) { where | facet }
///     select     = SELECT aggregate
///     from       = FROM name
///     where      = WHERE or
///     facet      = FACET name { "," name }
///     aggregate  = count "(" "*" ")" | (filter | percentage) "(" count "(" "*" ")" "," WHERE or ")"
///                | (average | max | min | sum | uniqueCount) "(" name ")" | percentile "(" name "," number ")"
///     or         = and { OR and }
///     and        = not { AND not }
///     not        = NOT not | "(" or ")" | test
///     test       = name ( op literal | [NOT] LIKE string | [NOT] IN "(" literal { "," literal } ")"
///                       | IS [NOT] (NULL | TRUE | FALSE) )
///     literal    = string | ["-"] number | TRUE | FALSE
///
/// `IS [NOT] TRUE|FALSE` reads as `=`/`!=` a boolean (and prints that way); `<>` as `!=`;
/// `avg` as `average`.
///
/// Anything New Relic accepts in queries but not in alert conditions (or that we do not
/// evaluate) fails with the construct's name and column rather than being ignored: a
/// back-test of a query read differently from New Relic would mislead.
struct NRQLParser {
    private let tokens: [NRQLToken]
    private let condition: String
    private var position = 0

    /// Clause keywords of full NRQL that alert conditions reject or we do not support, with
    /// the construct's name as messages give it.
    private static let unsupportedClauses: [String: String] = [
        "SINCE": "SINCE", "UNTIL": "UNTIL", "LIMIT": "LIMIT", "TIMESERIES": "TIMESERIES",
        "COMPARE": "COMPARE WITH", "ORDER": "ORDER BY", "SLIDE": "SLIDE BY", "EXTRAPOLATE": "EXTRAPOLATE",
        "AS": "AS", "WITH": "WITH", "JOIN": "JOIN", "SHOW": "SHOW", "RAW": "RAW",
    ]

    /// Aggregate functions New Relic knows that we do not evaluate, or that alert conditions reject.
    private static let unsupportedFunctions: Set<String> = [
        "apdex", "latest", "earliest", "median", "stddev", "rate", "histogram", "bytecountestimate",
        "cardinality", "uniques", "funnel", "eventtype", "keyset", "derivative", "predictlinear",
        "mergepercentile", "blob", "aggregationendtime", "if", "round", "floor", "ceil", "abs", "lower",
        "upper", "capture", "aparse", "concat", "substring", "length", "numeric", "string", "boolean",
        "buckets", "cases", "stdvar", "firstseen", "lastseen",
    ]

    init(tokens: [NRQLToken], condition: String) {
        self.tokens = tokens
        self.condition = condition
    }

    // MARK: Query

    mutating func query() throws(NRQLError) -> NRQLQuery {
        var aggregate: NRQLAggregate?
        var eventType: String?
        var predicate: NRQLPredicate?
        var facets: [String]?
        if current.kind == .end { throw error("empty query", at: current) }
        while current.kind != .end {
            let clause = current
            if eventType == nil, aggregate == nil, !clause.isKeyword("SELECT"), !clause.isKeyword("FROM") {
                throw error("expected SELECT or FROM, found \(clause.quoted)", at: clause)
            }
            if clause.isKeyword("SELECT") {
                if aggregate != nil { throw error("SELECT appears twice", at: clause) }
                advance()
                aggregate = try selectList()
                if eventType == nil, !current.isKeyword("FROM") {
                    throw error("missing FROM clause: expected FROM after the aggregate, found \(current.quoted)", at: current)
                }
            } else if clause.isKeyword("FROM") {
                if eventType != nil { throw error("FROM appears twice", at: clause) }
                advance()
                eventType = try fromList()
            } else if clause.isKeyword("WHERE") {
                if predicate != nil { throw error("WHERE appears twice", at: clause) }
                advance()
                predicate = try orExpression()
            } else if clause.isKeyword("FACET") {
                if facets != nil { throw error("FACET appears twice", at: clause) }
                advance()
                facets = try facetList()
            } else {
                throw unexpectedClause(clause)
            }
        }
        guard let aggregate else { throw error("missing SELECT clause", at: current) }
        guard let eventType else { throw error("missing FROM clause", at: current) }
        return NRQLQuery(aggregate: aggregate, eventType: eventType, predicate: predicate, facets: facets ?? [])
    }

    /// The error for a token where a clause (or the end) should be.
    private func unexpectedClause(_ token: NRQLToken) -> NRQLError {
        if case let .word(word) = token.kind, let construct = Self.unsupportedClauses[word.uppercased()] {
            return error("unsupported construct \(construct)", at: token)
        }
        if token.isSymbol(")") { return error("unbalanced parentheses: ')' without a matching '('", at: token) }
        if token.isSymbol(";") { return error("unsupported construct ';' (one query per condition)", at: token) }
        return error("expected SELECT, FROM, WHERE, FACET or end of query, found \(token.quoted)", at: token)
    }

    private mutating func selectList() throws(NRQLError) -> NRQLAggregate {
        let aggregate = try self.aggregate()
        if current.isSymbol(",") {
            throw error("more than one aggregate: an alert condition's query returns one number, "
                + "so split it into one condition per aggregate", at: tokens[position + 1])
        }
        if current.isSymbol("/") || current.isSymbol("*") || current.isSymbol("+") || current.isSymbol("-") {
            throw error("unsupported construct arithmetic '\(current.symbolText)' on an aggregate", at: current)
        }
        return aggregate
    }

    private mutating func fromList() throws(NRQLError) -> String {
        if current.isSymbol("(") || current.isKeyword("SELECT") {
            throw error("unsupported construct subquery", at: current)
        }
        let eventType = try name(what: "an event type")
        if current.isSymbol(",") { throw error("unsupported construct more than one event type", at: current) }
        return eventType
    }

    private mutating func facetList() throws(NRQLError) -> [String] {
        var facets: [String] = []
        repeat {
            if !facets.isEmpty { advance() }
            if current.isKeyword("CASES") { throw error("unsupported construct FACET CASES", at: current) }
            let token = current
            let facet = try name(what: "a facet attribute")
            if current.isSymbol("(") { throw error("unsupported construct function in FACET", at: token) }
            facets.append(facet)
        } while current.isSymbol(",")
        return facets
    }

    // MARK: Aggregates

    private mutating func aggregate() throws(NRQLError) -> NRQLAggregate {
        let token = current
        guard case let .word(function) = token.kind else {
            throw error("expected an aggregate function such as count(*), found \(token.quoted)", at: token)
        }
        guard next.isSymbol("(") else {
            throw error("expected an aggregate function such as count(*), found \(token.quoted)", at: token)
        }
        advance()
        let open = current
        advance()
        let aggregate: NRQLAggregate
        switch function.lowercased() {
        case "count":
            try countStar()
            aggregate = .count
        case "filter", "percentage":
            let inner = current
            guard case let .word(innerFunction) = inner.kind, innerFunction.lowercased() == "count", next.isSymbol("(") else {
                throw error("unsupported construct \(function)() of anything but count(*)", at: inner)
            }
            advance()
            let innerOpen = current
            advance()
            try countStar()
            try close(innerOpen)
            try expect(",", after: "count(*)")
            guard current.isKeyword("WHERE") else {
                throw error("expected WHERE in \(function)(count(*), WHERE …), found \(current.quoted)", at: current)
            }
            advance()
            let predicate = try orExpression()
            aggregate = function.lowercased() == "filter" ? .filter(predicate) : .percentage(predicate)
        case "average", "avg":
            aggregate = .average(try aggregatedAttribute())
        case "max":
            aggregate = .max(try aggregatedAttribute())
        case "min":
            aggregate = .min(try aggregatedAttribute())
        case "sum":
            aggregate = .sum(try aggregatedAttribute())
        case "uniquecount":
            aggregate = .uniqueCount(try aggregatedAttribute())
        case "percentile":
            let attribute = try aggregatedAttribute()
            try expect(",", after: "the attribute of percentile()")
            let rankToken = current
            guard case let .number(rank) = rankToken.kind, (0...100).contains(rank) else {
                throw error("percentile() needs a number from 0 to 100, found \(rankToken.quoted)", at: rankToken)
            }
            advance()
            if current.isSymbol(",") {
                throw error("more than one aggregate: percentile() with several percentiles returns several "
                    + "numbers, so split it into one condition per percentile", at: tokens[position + 1])
            }
            aggregate = .percentile(attribute, rank)
        default:
            if Self.unsupportedFunctions.contains(function.lowercased()) {
                throw error("unsupported function \(function)()", at: token)
            }
            throw error("unknown function \(function)()", at: token)
        }
        try close(open)
        return aggregate
    }

    /// The `*` of `count(*)`, after its `(`.
    private mutating func countStar() throws(NRQLError) {
        guard current.isSymbol("*") else {
            throw error("unsupported construct count() of an attribute: use count(*) "
                + "with a WHERE … IS NOT NULL", at: current)
        }
        advance()
    }

    /// The attribute argument of a one-attribute aggregate.
    private mutating func aggregatedAttribute() throws(NRQLError) -> String {
        if current.isSymbol("*") { throw error("expected an attribute, found '*'", at: current) }
        let token = current
        let attribute = try name(what: "an attribute")
        if current.isSymbol("(") { throw error("unsupported construct nested function \(attribute)()", at: token) }
        return attribute
    }

    // MARK: Predicates

    private mutating func orExpression() throws(NRQLError) -> NRQLPredicate {
        var predicate = try andExpression()
        while current.isKeyword("OR") {
            advance()
            predicate = .or(predicate, try andExpression())
        }
        return predicate
    }

    private mutating func andExpression() throws(NRQLError) -> NRQLPredicate {
        var predicate = try notExpression()
        while current.isKeyword("AND") {
            advance()
            predicate = .and(predicate, try notExpression())
        }
        return predicate
    }

    private mutating func notExpression() throws(NRQLError) -> NRQLPredicate {
        if current.isKeyword("NOT") {
            advance()
            return .not(try notExpression())
        }
        if current.isSymbol("(") {
            let open = current
            advance()
            if current.isKeyword("SELECT") || current.isKeyword("FROM") {
                throw error("unsupported construct subquery", at: current)
            }
            let inner = try orExpression()
            try close(open)
            return inner
        }
        return try test()
    }

    private mutating func test() throws(NRQLError) -> NRQLPredicate {
        let start = current
        let attribute = try name(what: "an attribute")
        if current.isSymbol("(") { throw error("unsupported construct function \(attribute)() in WHERE", at: start) }
        let token = current
        if case let .symbol(symbol) = token.kind,
           let op = NRQLComparisonOperator(rawValue: symbol == "<>" ? "!=" : symbol) {
            advance()
            return .comparison(attribute, op, try literal(after: symbol))
        }
        var negated = false
        if token.isKeyword("NOT") {
            negated = true
            advance()
        }
        if current.isKeyword("LIKE") {
            advance()
            guard case let .string(pattern) = current.kind else {
                throw error("expected a string pattern after LIKE, found \(current.quoted)", at: current)
            }
            advance()
            return .like(attribute, NRQLLikePattern(pattern), negated: negated)
        }
        if current.isKeyword("IN") {
            advance()
            guard current.isSymbol("(") else { throw error("expected '(' after IN, found \(current.quoted)", at: current) }
            let open = current
            advance()
            if current.isKeyword("SELECT") || current.isKeyword("FROM") {
                throw error("unsupported construct subquery", at: current)
            }
            var values = [try literal(after: "IN (")]
            while current.isSymbol(",") {
                advance()
                values.append(try literal(after: ","))
            }
            try close(open)
            return .in(attribute, values, negated: negated)
        }
        if negated {
            throw error("expected LIKE or IN after NOT, found \(current.quoted)", at: current)
        }
        if token.isKeyword("IS") {
            advance()
            if current.isKeyword("NOT") {
                negated = true
                advance()
            }
            if current.isKeyword("NULL") {
                advance()
                return .isNull(attribute, negated: negated)
            }
            if current.isKeyword("TRUE") || current.isKeyword("FALSE") {
                let flag = current.isKeyword("TRUE")
                advance()
                return .comparison(attribute, negated ? .notEqual : .equal, .bool(flag))
            }
            throw error("expected NULL, TRUE or FALSE after IS, found \(current.quoted)", at: current)
        }
        throw error("expected an operator (=, !=, <, <=, >, >=, LIKE, IN, IS) after \(NRQLName.quoted(attribute)), "
            + "found \(token.quoted)", at: token)
    }

    private mutating func literal(after what: String) throws(NRQLError) -> NRQLValue {
        let token = current
        switch token.kind {
        case let .string(text):
            advance()
            return .string(text)
        case let .number(number):
            advance()
            return .number(number)
        case .symbol("-"):
            if case let .number(number) = next.kind {
                advance()
                advance()
                return .number(-number)
            }
        case .word:
            if token.isKeyword("TRUE") || token.isKeyword("FALSE") {
                advance()
                return .bool(token.isKeyword("TRUE"))
            }
            if token.isKeyword("NULL") { throw error("comparison with NULL: use IS NULL or IS NOT NULL", at: token) }
            if token.isKeyword("SELECT") || token.isKeyword("FROM") {
                throw error("unsupported construct subquery", at: token)
            }
            throw error("unsupported construct comparison of two attributes: expected a literal after \(what), "
                + "found \(token.quoted)", at: token)
        case .quotedName:
            throw error("unsupported construct comparison of two attributes: expected a literal after \(what), "
                + "found \(token.quoted)", at: token)
        default:
            break
        }
        if token.isSymbol("(") { throw error("unsupported construct subquery or expression after \(what)", at: token) }
        throw error("expected a string, number, true or false after \(what), found \(token.quoted)", at: token)
    }

    // MARK: Tokens

    private var current: NRQLToken { tokens[position] }
    private var next: NRQLToken { tokens[min(position + 1, tokens.count - 1)] }

    private mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    /// A name: a bare word that is not a keyword here, or a backticked name.
    private mutating func name(what: String) throws(NRQLError) -> String {
        let token = current
        switch token.kind {
        case let .quotedName(name):
            advance()
            return name
        case let .word(word) where !NRQLName.reserved.contains(word.uppercased()):
            advance()
            return word
        case let .word(word):
            if let construct = Self.unsupportedClauses[word.uppercased()] {
                throw error("unsupported construct \(construct)", at: token)
            }
            throw error("expected \(what), found keyword \(token.quoted) (write `\(word)` for an attribute of that name)",
                        at: token)
        case .end:
            throw error("expected \(what), found end of query", at: token)
        default:
            throw error("expected \(what), found \(token.quoted)", at: token)
        }
    }

    private mutating func expect(_ symbol: String, after what: String) throws(NRQLError) {
        guard current.isSymbol(symbol) else {
            throw error("expected '\(symbol)' after \(what), found \(current.quoted)", at: current)
        }
        advance()
    }

    /// The `)` matching `open`; an unbalanced-parentheses error naming `open` when missing.
    private mutating func close(_ open: NRQLToken) throws(NRQLError) {
        guard current.isSymbol(")") else {
            if current.kind == .end {
                throw error("unbalanced parentheses: '(' at column \(open.column) is never closed", at: current)
            }
            throw error("expected ')' to close '(' at column \(open.column), found \(current.quoted)", at: current)
        }
        advance()
    }

    private func error(_ message: String, at token: NRQLToken) -> NRQLError {
        NRQLError(condition: condition, column: token.column, message: message)
    }
}

extension NRQLToken {
    fileprivate var symbolText: String {
        if case let .symbol(symbol) = kind { return symbol }
        return ""
    }
}
