/// Recursive-descent parser for the NRQL that alert conditions use.
///
/// Grammar (keywords in any case; SELECT and FROM in either order, then WHERE, FACET and
/// LIMIT in any order, each at most once):
///
///     query      = (select from | from select) { where | facet | limit }
///     select     = SELECT value [compare value] [AS (string | name)]
///     from       = FROM name { "," name }
///     where      = WHERE or
///     facet      = FACET row [AS …] { "," row [AS …] }
///     limit      = LIMIT (number | MAX)
///     value      = term { ("+" | "-") term }       term = factor { ("*" | "/") factor }
///     factor     = number | "-" factor | "(" value ")" | aggregate
///                | (floor | ceil | abs | round) "(" value ")" | if "(" value [compare value] "," value "," value ")"
///                | aggregationendtime "(" ")"
///     aggregate  = count "(" ("*" | row) ")" | (filter | percentage) "(" aggregate "," WHERE or ")"
///                | rate "(" aggregate "," number unit ")" | apdex "(" row ["," t ":" number] ")"
///                | (average | max | min | sum | latest | earliest | median | stddev) "(" row ")"
///                | percentile "(" row "," number ")" | uniqueCount "(" row { "," row } ")"
///     row        = the same arithmetic over names, literals and row functions
///                  (numeric, string, boolean, floor, ceil, abs, round, lower, upper, length,
///                  concat, if "(" or "," row "," row ")")
///     or         = and { OR and }      and = not { AND not }      not = NOT not | "(" or ")" | test
///     test       = row ( op row | [NOT] LIKE string | [NOT] RLIKE string | [NOT] IN "(" literal { "," literal } ")"
///                      | IS [NOT] (NULL | TRUE | FALSE) )
///
/// `IS [NOT] TRUE|FALSE` reads as `=`/`!=` a boolean (and prints that way); `<>` as `!=`;
/// `avg` as `average`. Functions that alert conditions accept but whose value over log
/// records would not be New Relic's (`histogramPercentile`, `bucketPercentile`, …) parse,
/// so the condition loads and is refused with the function's name.
///
/// Anything New Relic rejects in alert conditions fails with the construct's name and column
/// rather than being ignored: a back-test of a query read differently from New Relic would
/// mislead.
struct NRQLParser {
    private let tokens: [NRQLToken]
    private let condition: String
    private var position = 0
    /// Factors and NOTs being parsed inside one another: bounded, so hostile input (a
    /// thousand `-` or `(`) is refused with a message instead of overflowing the stack.
    private var nesting = 0
    static let maxNesting = 64

    /// Clause keywords of full NRQL that alert conditions reject, with the construct's name
    /// as messages give it.
    private static let unsupportedClauses: [String: String] = [
        "SINCE": "SINCE", "UNTIL": "UNTIL", "TIMESERIES": "TIMESERIES",
        "COMPARE": "COMPARE WITH", "ORDER": "ORDER BY", "SLIDE": "SLIDE BY", "EXTRAPOLATE": "EXTRAPOLATE",
        "WITH": "WITH", "JOIN": "JOIN", "SHOW": "SHOW", "RAW": "RAW",
    ]

    /// Functions New Relic accepts whose value on log records is not New Relic's.
    private static let meaninglessOnLogs: Set<String> = [
        "histogrampercentile", "bucketpercentile", "histogram", "cardinality", "bytecountestimate", "derivative",
        "predictlinear", "mergepercentile", "blob", "keyset", "uniques", "funnel", "stdvar", "firstseen", "lastseen",
    ]

    private static let valueFunctions: [String: NRQLValueFunction] = [
        "average": .average, "avg": .average, "max": .max, "min": .min, "sum": .sum, "latest": .latest,
        "earliest": .earliest, "median": .median, "stddev": .stddev,
    ]

    private static let aggregateNames: Set<String> = Set(valueFunctions.keys).union([
        "count", "filter", "percentage", "percentile", "uniquecount", "rate", "apdex",
    ]).union(meaninglessOnLogs)

    /// Seconds per unit of `rate()`.
    private static let units: [String: Double] = [
        "second": 1, "seconds": 1, "minute": 60, "minutes": 60, "hour": 3_600, "hours": 3_600, "day": 86_400,
        "days": 86_400, "week": 604_800, "weeks": 604_800,
    ]

    init(tokens: [NRQLToken], condition: String) {
        self.tokens = tokens
        self.condition = condition
    }

    // MARK: Query

    mutating func query() throws(NRQLError) -> NRQLQuery {
        var select: (NRQLExpression, String?)?
        var eventTypes: [String]?
        var predicate: NRQLPredicate?
        var facets: [NRQLRowExpression]?
        var limit: String?
        if current.kind == .end { throw error("empty query", at: current) }
        while current.kind != .end {
            let clause = current
            if eventTypes == nil, select == nil, !clause.isKeyword("SELECT"), !clause.isKeyword("FROM") {
                throw error("expected SELECT or FROM, found \(clause.quoted)", at: clause)
            }
            if clause.isKeyword("SELECT") {
                if select != nil { throw error("SELECT appears twice", at: clause) }
                advance()
                select = try selectList()
                if eventTypes == nil, !current.isKeyword("FROM") {
                    throw error("missing FROM clause: expected FROM after the selected value, found \(current.quoted)",
                                at: current)
                }
            } else if clause.isKeyword("FROM") {
                if eventTypes != nil { throw error("FROM appears twice", at: clause) }
                advance()
                eventTypes = try fromList()
            } else if clause.isKeyword("WHERE") {
                // A second WHERE (after FACET, as some published conditions write) narrows
                // the first: LogTriage reads both, joined by AND.
                advance()
                let more = try orExpression()
                predicate = predicate.map { .and($0, more) } ?? more
            } else if clause.isKeyword("FACET") {
                if facets != nil { throw error("FACET appears twice", at: clause) }
                advance()
                facets = try facetList()
            } else if clause.isKeyword("LIMIT") {
                if limit != nil { throw error("LIMIT appears twice", at: clause) }
                advance()
                if case let .number(number) = current.kind, number >= 1, number == number.rounded() {
                    limit = NRQLValue.format(number)
                } else if current.isKeyword("MAX") {
                    limit = "MAX"
                } else {
                    throw error("expected a number or MAX after LIMIT, found \(current.quoted)", at: current)
                }
                advance()
            } else {
                throw unexpectedClause(clause)
            }
        }
        guard let select else { throw error("missing SELECT clause", at: current) }
        guard let eventTypes else { throw error("missing FROM clause", at: current) }
        return NRQLQuery(select: select.0, label: select.1, eventTypes: eventTypes, predicate: predicate,
                         facetExpressions: facets ?? [], limit: limit)
    }

    /// The error for a token where a clause (or the end) should be.
    private func unexpectedClause(_ token: NRQLToken) -> NRQLError {
        if case let .word(word) = token.kind, let construct = Self.unsupportedClauses[word.uppercased()] {
            return error("unsupported construct \(construct)", at: token)
        }
        if token.isSymbol(")") { return error("unbalanced parentheses: ')' without a matching '('", at: token) }
        if token.isSymbol(";") { return error("unsupported construct ';' (one query per condition)", at: token) }
        if token.isKeyword("AS") { return error("unsupported construct AS here: an alias follows the selected value", at: token) }
        return error("expected SELECT, FROM, WHERE, FACET, LIMIT or end of query, found \(token.quoted)", at: token)
    }

    private mutating func selectList() throws(NRQLError) -> (NRQLExpression, String?) {
        let start = position
        var value = try valueExpression()
        if let op = comparisonOperator() {
            advance()
            value = .comparison(op, value, try valueExpression())
        }
        let aggregates = value.aggregates.count
        if aggregates > NRQLQuery.maximumAggregates {
            throw limitError("\(aggregates) aggregates in SELECT, over LogTriage's limit of \(NRQLQuery.maximumAggregates)",
                             at: tokens[start])
        }
        let label = try alias()
        if current.isSymbol(",") {
            throw error("more than one aggregate: an alert condition's query returns one number, "
                + "so split it into one condition per aggregate", at: tokens[position + 1])
        }
        return (value, label)
    }

    /// `AS 'label'`, `AS label` or `` AS `label` ``; nil when there is no alias.
    private mutating func alias() throws(NRQLError) -> String? {
        guard current.isKeyword("AS") else { return nil }
        advance()
        switch current.kind {
        case let .string(text), let .quotedName(text):
            advance()
            return text
        case let .word(word) where !NRQLName.reserved.contains(word.uppercased()):
            advance()
            return word
        default:
            throw error("expected a label after AS, found \(current.quoted)", at: current)
        }
    }

    private mutating func fromList() throws(NRQLError) -> [String] {
        if current.isSymbol("(") || current.isKeyword("SELECT") {
            throw error("unsupported construct subquery (nested aggregation)", at: current)
        }
        var types = [try name(what: "an event type")]
        while current.isSymbol(",") {
            advance()
            types.append(try name(what: "an event type"))
        }
        return types
    }

    private mutating func facetList() throws(NRQLError) -> [NRQLRowExpression] {
        var facets: [NRQLRowExpression] = []
        repeat {
            if !facets.isEmpty { advance() }
            if current.isKeyword("CASES") { throw error("unsupported construct FACET CASES", at: current) }
            facets.append(try rowExpression(what: "a facet attribute"))
            _ = try alias()
        } while current.isSymbol(",")
        return facets
    }

    // MARK: Values of the SELECT

    private mutating func valueExpression() throws(NRQLError) -> NRQLExpression {
        var value = try valueTerm()
        while let op = additiveOperator() {
            advance()
            value = .arithmetic(op, value, try valueTerm())
        }
        return value
    }

    private mutating func valueTerm() throws(NRQLError) -> NRQLExpression {
        var value = try valueFactor()
        while let op = multiplicativeOperator() {
            advance()
            value = .arithmetic(op, value, try valueFactor())
        }
        return value
    }

    private mutating func valueFactor() throws(NRQLError) -> NRQLExpression {
        try enterNesting()
        defer { nesting -= 1 }
        let token = current
        switch token.kind {
        case let .number(number):
            advance()
            return .number(number)
        case .symbol("-"):
            advance()
            return .negate(try valueFactor())
        case .symbol("("):
            advance()
            var inner = try valueExpression()
            if let op = comparisonOperator() {
                advance()
                inner = .comparison(op, inner, try valueExpression())
            }
            try close(token)
            return inner
        case let .word(word) where next.isSymbol("("):
            let function = word.lowercased()
            if Self.aggregateNames.contains(function) { return .aggregate(try aggregate()) }
            if NRQLExpression.functions.contains(function) {
                advance()
                let open = current
                advance()
                let argument = try valueExpression()
                try close(open)
                return .function(function, argument)
            }
            if function == "if" {
                advance()
                let open = current
                advance()
                var test = try valueExpression()
                if let op = comparisonOperator() {
                    advance()
                    test = .comparison(op, test, try valueExpression())
                }
                try expect(",", after: "the condition of if()")
                let then = try valueExpression()
                try expect(",", after: "the second argument of if()")
                let otherwise = try valueExpression()
                try close(open)
                return .conditional(test, then, otherwise)
            }
            if function == "aggregationendtime" {
                advance()
                let open = current
                advance()
                try close(open)
                return .windowEnd
            }
            if NRQLRowExpression.functions.contains(function) {
                throw error("unsupported construct \(word)() outside an aggregate: a condition's query "
                    + "returns an aggregate, e.g. latest(\(word)(…))", at: token)
            }
            throw error("unknown function \(word)()", at: token)
        case .word, .quotedName:
            if case let .word(word) = token.kind, let construct = Self.unsupportedClauses[word.uppercased()] {
                throw error("unsupported construct \(construct)", at: token)
            }
            throw error("unsupported construct attribute \(token.quoted) outside an aggregate: a condition's query "
                + "returns an aggregate such as latest(…) or average(…)", at: token)
        default:
            throw error("expected an aggregate function such as count(*), found \(token.quoted)", at: token)
        }
    }

    // MARK: Aggregates

    private mutating func aggregate() throws(NRQLError) -> NRQLAggregate {
        let token = current
        guard case let .word(word) = token.kind, next.isSymbol("(") else {
            throw error("expected an aggregate function such as count(*), found \(token.quoted)", at: token)
        }
        let function = word.lowercased()
        guard Self.aggregateNames.contains(function) else {
            throw error("expected an aggregate function such as count(*), found \(token.quoted)", at: token)
        }
        advance()
        let open = current
        advance()
        let aggregate: NRQLAggregate
        switch function {
        case "count":
            if current.isSymbol("*") {
                advance()
                aggregate = .count
            } else {
                aggregate = .countOf(try rowExpression(what: "the argument of count()"))
            }
        case "filter", "percentage":
            guard case let .word(innerWord) = current.kind, Self.aggregateNames.contains(innerWord.lowercased()),
                  next.isSymbol("(") else {
                throw error("\(word)() needs an aggregate function first, such as count(*), found \(current.quoted)",
                            at: current)
            }
            let inner = try self.aggregate()
            try expect(",", after: "the aggregate of \(word)()")
            guard current.isKeyword("WHERE") else {
                throw error("expected WHERE in \(word)(\(inner), WHERE …), found \(current.quoted)", at: current)
            }
            advance()
            let predicate = try orExpression()
            switch (function, inner) {
            case ("filter", .count): aggregate = .filter(predicate)
            case ("filter", _): aggregate = .filtered(inner, predicate)
            case (_, .count): aggregate = .percentage(predicate)
            default: aggregate = .percentageOf(inner, predicate)
            }
        case "rate":
            guard case let .word(innerWord) = current.kind, Self.aggregateNames.contains(innerWord.lowercased()),
                  next.isSymbol("(") else {
                throw error("rate() needs an aggregate function first, such as count(*), found \(current.quoted)",
                            at: current)
            }
            let inner = try self.aggregate()
            try expect(",", after: "the aggregate of rate()")
            guard case let .number(amount) = current.kind, amount > 0 else {
                throw error("rate() needs a time span such as 1 minute, found \(current.quoted)", at: current)
            }
            advance()
            guard case let .word(unitWord) = current.kind, let unit = Self.units[unitWord.lowercased()] else {
                throw error("rate() needs a time unit (second, minute, hour, day, week), found \(current.quoted)",
                            at: current)
            }
            advance()
            aggregate = .rate(inner, seconds: amount * unit)
        case "apdex":
            let argument = try rowExpression(what: "the attribute of apdex()")
            var t: Double?
            if current.isSymbol(",") {
                advance()
                guard current.isKeyword("T"), next.isSymbol(":") else {
                    throw error("expected t: after the attribute of apdex(), found \(current.quoted)", at: current)
                }
                advance()
                advance()
                guard case let .number(value) = current.kind, value > 0 else {
                    throw error("apdex() needs a positive t:, found \(current.quoted)", at: current)
                }
                advance()
                t = value
            }
            aggregate = .apdex(argument, t: t)
        case "percentile":
            let argument = try rowExpression(what: "the attribute of percentile()")
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
            aggregate = argument.attributeName.map { .percentile($0, rank) } ?? .value(.percentile(rank), argument)
        case "uniquecount":
            var arguments = [try rowExpression(what: "the attribute of uniqueCount()")]
            while current.isSymbol(",") {
                advance()
                try checkArgumentCount(arguments.count + 1, of: "uniqueCount")
                arguments.append(try rowExpression(what: "an attribute of uniqueCount()"))
            }
            if arguments.count == 1, let name = arguments[0].attributeName {
                aggregate = .uniqueCount(name)
            } else {
                aggregate = .uniqueCountOf(arguments)
            }
        default:
            if Self.meaninglessOnLogs.contains(function) {
                aggregate = .withoutMeaningOnLogs(name: word, arguments: try skipArguments(open))
                return aggregate
            }
            guard let valueFunction = Self.valueFunctions[function] else {
                throw error("unknown function \(word)()", at: token)
            }
            if case let .word(innerWord) = current.kind, Self.aggregateNames.contains(innerWord.lowercased()),
               next.isSymbol("(") {
                throw error("unsupported construct nested aggregation \(word)(\(innerWord)(…))", at: current)
            }
            if current.isSymbol("*") { throw error("expected an attribute, found '*'", at: current) }
            let argument = try rowExpression(what: "the attribute of \(word)()")
            switch (valueFunction, argument) {
            case let (.average, .attribute(name)): aggregate = .average(name)
            case let (.max, .attribute(name)): aggregate = .max(name)
            case let (.min, .attribute(name)): aggregate = .min(name)
            case let (.sum, .attribute(name)): aggregate = .sum(name)
            default: aggregate = .value(valueFunction, argument)
            }
        }
        try close(open)
        return aggregate
    }

    /// The arguments of a function kept as written, up to its closing `)` (left current).
    private mutating func skipArguments(_ open: NRQLToken) throws(NRQLError) -> String {
        var depth = 0
        var parts: [String] = []
        while true {
            let token = current
            if token.kind == .end {
                throw error("unbalanced parentheses: '(' at column \(open.column) is never closed", at: token)
            }
            if token.isSymbol(")") {
                if depth == 0 { break }
                depth -= 1
            } else if token.isSymbol("(") {
                depth += 1
            }
            parts.append(token.text)
            advance()
        }
        try close(open)
        return parts.joined(separator: " ").replacing("( ", with: "(").replacing(" )", with: ")")
            .replacing(" ,", with: ",")
    }

    // MARK: Row expressions

    private mutating func rowExpression(what: String) throws(NRQLError) -> NRQLRowExpression {
        var value = try rowTerm(what: what)
        while let op = additiveOperator() {
            advance()
            value = .arithmetic(op, value, try rowTerm(what: what))
        }
        return value
    }

    private mutating func rowTerm(what: String) throws(NRQLError) -> NRQLRowExpression {
        var value = try rowFactor(what: what)
        while let op = multiplicativeOperator() {
            advance()
            value = .arithmetic(op, value, try rowFactor(what: what))
        }
        return value
    }

    private mutating func rowFactor(what: String) throws(NRQLError) -> NRQLRowExpression {
        try enterNesting()
        defer { nesting -= 1 }
        let token = current
        switch token.kind {
        case let .number(number):
            advance()
            return .literal(.number(number))
        case let .string(text):
            advance()
            return .literal(.string(text))
        case .symbol("-"):
            advance()
            if case let .number(number) = current.kind {
                advance()
                return .literal(.number(-number))
            }
            return .negate(try rowFactor(what: what))
        case .symbol("("):
            advance()
            if current.isKeyword("SELECT") || current.isKeyword("FROM") {
                throw error("unsupported construct subquery", at: current)
            }
            let inner = try rowExpression(what: what)
            try close(token)
            return inner
        case let .word(word) where next.isSymbol("("):
            let function = word.lowercased()
            if Self.aggregateNames.contains(function) {
                throw error("unsupported construct aggregate \(word)() inside another function's argument", at: token)
            }
            advance()
            let open = current
            advance()
            if function == "if" {
                let test = try orExpression()
                try expect(",", after: "the condition of if()")
                let then = try rowExpression(what: "the second argument of if()")
                try expect(",", after: "the second argument of if()")
                let otherwise = try rowExpression(what: "the third argument of if()")
                try close(open)
                return .conditional(test, then, otherwise)
            }
            guard NRQLRowExpression.functions.contains(function) else {
                if ["capture", "aparse", "substring", "position", "jparse", "mapkeys", "mapvalues", "cases",
                    "eventtype", "tuple", "dateof", "hourof", "weekdayof", "minuteof", "bucket"].contains(function) {
                    throw error("unsupported function \(word)()", at: token)
                }
                throw error("unknown function \(word)()", at: token)
            }
            var arguments: [NRQLRowExpression] = []
            if !current.isSymbol(")") {
                arguments.append(try rowExpression(what: "an argument of \(word)()"))
                while current.isSymbol(",") {
                    advance()
                    try checkArgumentCount(arguments.count + 1, of: word)
                    arguments.append(try rowExpression(what: "an argument of \(word)()"))
                }
            }
            try close(open)
            return .function(function, arguments)
        case .word:
            if token.isKeyword("TRUE") || token.isKeyword("FALSE") {
                advance()
                return .literal(.bool(token.isKeyword("TRUE")))
            }
            if token.isKeyword("NULL") { throw error("comparison with NULL: use IS NULL or IS NOT NULL", at: token) }
            if token.isKeyword("SELECT") || token.isKeyword("FROM") {
                throw error("unsupported construct subquery", at: token)
            }
            return .attribute(try name(what: what))
        case .quotedName:
            return .attribute(try name(what: what))
        case .symbol("*"):
            throw error("expected an attribute, found '*'", at: token)
        default:
            return .attribute(try name(what: what))
        }
    }

    private func additiveOperator() -> NRQLArithmeticOperator? {
        if current.isSymbol("+") { return .add }
        if current.isSymbol("-") { return .subtract }
        return nil
    }

    private func multiplicativeOperator() -> NRQLArithmeticOperator? {
        if current.isSymbol("*") { return .multiply }
        if current.isSymbol("/") { return .divide }
        return nil
    }

    private func comparisonOperator() -> NRQLComparisonOperator? {
        guard case let .symbol(symbol) = current.kind else { return nil }
        return NRQLComparisonOperator(rawValue: symbol == "<>" ? "!=" : symbol)
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
        try enterNesting()
        defer { nesting -= 1 }
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
        let left = try rowExpression(what: "an attribute")
        let token = current
        if let op = comparisonOperator() {
            advance()
            let right = try rowExpression(what: "the value after \(op.rawValue)")
            if let attribute = left.attributeName, case let .literal(value) = right {
                return .comparison(attribute, op, value)
            }
            return .compare(left, op, right)
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
            guard let attribute = left.attributeName else {
                throw error("unsupported construct LIKE after an expression: use it on an attribute", at: token)
            }
            return .like(attribute, NRQLLikePattern(pattern), negated: negated)
        }
        if current.isKeyword("RLIKE") {
            advance()
            guard case let .string(pattern) = current.kind else {
                throw error("expected a regular expression string after RLIKE, found \(current.quoted)", at: current)
            }
            let regex: NRQLRegexPattern
            do {
                regex = try NRQLRegexPattern(validating: pattern)
            } catch {
                throw self.error("invalid regular expression after RLIKE (\(error.reason))", at: current)
            }
            advance()
            return .rlike(left, regex, negated: negated)
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
                if values.count == NRQLQuery.maximumInValues {
                    throw limitError("an IN list of over \(NRQLQuery.maximumInValues) values, LogTriage's limit", at: open)
                }
                values.append(try literal(after: ","))
            }
            try close(open)
            guard let attribute = left.attributeName else {
                throw error("unsupported construct IN after an expression: use it on an attribute", at: token)
            }
            return .in(attribute, values, negated: negated)
        }
        if negated {
            throw error("expected LIKE, RLIKE or IN after NOT, found \(current.quoted)", at: current)
        }
        if token.isKeyword("IS") {
            advance()
            if current.isKeyword("NOT") {
                negated = true
                advance()
            }
            guard let attribute = left.attributeName else {
                if current.isKeyword("TRUE") || current.isKeyword("FALSE") {
                    let flag = current.isKeyword("TRUE")
                    advance()
                    return .compare(left, negated ? .notEqual : .equal, .literal(.bool(flag)))
                }
                throw error("unsupported construct IS NULL after an expression: use it on an attribute", at: token)
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
        throw error("expected an operator (=, !=, <, <=, >, >=, LIKE, RLIKE, IN, IS) after \(left), "
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
            throw error("expected a literal in IN (…), found \(token.quoted)", at: token)
        default:
            break
        }
        throw error("expected a string, number, true or false after \(what), found \(token.quoted)", at: token)
    }

    // MARK: Tokens

    private var current: NRQLToken { tokens[position] }
    private var next: NRQLToken { tokens[min(position + 1, tokens.count - 1)] }

    private mutating func enterNesting() throws(NRQLError) {
        guard nesting < Self.maxNesting else {
            throw error("expression nested more than \(Self.maxNesting) levels deep", at: current)
        }
        nesting += 1
    }

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

    private func limitError(_ message: String, at token: NRQLToken) -> NRQLError {
        NRQLError(condition: condition, column: token.column, message: message, isBeyondLimit: true)
    }

    /// Throws when a function would take `count` arguments, more than ``NRQLQuery/maximumArguments``.
    private func checkArgumentCount(_ count: Int, of function: String) throws(NRQLError) {
        guard count > NRQLQuery.maximumArguments else { return }
        throw limitError("\(function)() with over \(NRQLQuery.maximumArguments) arguments, LogTriage's limit", at: current)
    }
}

extension NRQLToken {
    /// The token as NRQL text, for functions kept as written.
    fileprivate var text: String {
        switch kind {
        case let .word(word): word
        case let .quotedName(name): NRQLName.quoted(name)
        case let .string(text): NRQLValue.string(text).description
        case let .number(number): NRQLValue.format(number)
        case let .symbol(symbol): symbol
        case .end: ""
        }
    }
}
