/// A `WHERE` condition of an NRQL query, as a tree.
///
/// Leaves test one attribute against literals; `and`, `or` and `not` combine them. Parsing
/// builds `and`/`or` left-associated, and printing keeps parentheses wherever the tree
/// differs from that shape, so `parse(print(query)) == query`.
public indirect enum NRQLPredicate: Sendable, Hashable, CustomStringConvertible {
    /// `attribute <op> literal`.
    case comparison(String, NRQLComparisonOperator, NRQLValue)
    /// `attribute LIKE 'pattern'`, or `NOT LIKE` when negated.
    case like(String, NRQLLikePattern, negated: Bool)
    /// `attribute IN (literals)`, or `NOT IN` when negated; the list is never empty (NRQL has no `IN ()`).
    case `in`(String, [NRQLValue], negated: Bool)
    /// `attribute IS NULL`, or `IS NOT NULL` when negated.
    case isNull(String, negated: Bool)
    /// A comparison of two row expressions (`numeric(status) >= 400`, `a = b`); the parser
    /// builds ``comparison(_:_:_:)`` when the left is an attribute and the right a literal.
    case compare(NRQLRowExpression, NRQLComparisonOperator, NRQLRowExpression)
    /// `expression RLIKE 'regex'`, or `NOT RLIKE` when negated.
    case rlike(NRQLRowExpression, NRQLRegexPattern, negated: Bool)
    case and(NRQLPredicate, NRQLPredicate)
    case or(NRQLPredicate, NRQLPredicate)
    case not(NRQLPredicate)

    /// The predicate in canonical NRQL (upper-case keywords, minimal parentheses).
    public var description: String {
        switch self {
        case let .comparison(attribute, op, value):
            "\(NRQLName.quoted(attribute)) \(op.rawValue) \(value)"
        case let .like(attribute, pattern, negated):
            "\(NRQLName.quoted(attribute)) \(negated ? "NOT LIKE" : "LIKE") \(pattern)"
        case let .in(attribute, values, negated):
            "\(NRQLName.quoted(attribute)) \(negated ? "NOT IN" : "IN") (\(values.map(\.description).joined(separator: ", ")))"
        case let .isNull(attribute, negated):
            "\(NRQLName.quoted(attribute)) \(negated ? "IS NOT NULL" : "IS NULL")"
        case let .compare(left, op, right):
            "\(left) \(op.rawValue) \(right)"
        case let .rlike(expression, pattern, negated):
            "\(expression) \(negated ? "NOT RLIKE" : "RLIKE") \(pattern)"
        case let .and(left, right):
            "\(left.printed(within: .and, rightSide: false)) AND \(right.printed(within: .and, rightSide: true))"
        case let .or(left, right):
            "\(left.printed(within: .or, rightSide: false)) OR \(right.printed(within: .or, rightSide: true))"
        case let .not(inner):
            "NOT \(inner.printed(within: .not, rightSide: true))"
        }
    }

    /// Binding strength, loosest first: `OR` < `AND` < `NOT` < a single test.
    private enum Level: Int { case or, and, not, leaf }

    private var level: Level {
        switch self {
        case .or: .or
        case .and: .and
        case .not: .not
        default: .leaf
        }
    }

    /// This predicate as an operand of `parent`: parenthesised when it binds more loosely,
    /// or equally on the right (the parser groups `a AND b AND c` as `(a AND b) AND c`).
    private func printed(within parent: Level, rightSide: Bool) -> String {
        let needsParentheses = level.rawValue < parent.rawValue
            || (rightSide && level == parent && parent != .not)
        return needsParentheses ? "(\(description))" : description
    }

    /// Every attribute the predicate reads, in order of first appearance.
    public var attributes: [String] {
        var names: [String] = []
        collectAttributes(into: &names)
        return names
    }

    func collectAttributes(into names: inout [String]) {
        switch self {
        case let .comparison(attribute, _, _), let .like(attribute, _, _), let .in(attribute, _, _),
             let .isNull(attribute, _):
            if !names.contains(attribute) { names.append(attribute) }
        case let .compare(left, _, right):
            left.collectAttributes(into: &names)
            right.collectAttributes(into: &names)
        case let .rlike(expression, _, _):
            expression.collectAttributes(into: &names)
        case let .and(left, right), let .or(left, right):
            left.collectAttributes(into: &names)
            right.collectAttributes(into: &names)
        case let .not(inner):
            inner.collectAttributes(into: &names)
        }
    }
}

/// The comparison operators of NRQL `WHERE` tests, spelled as NRQL writes them.
public enum NRQLComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}
