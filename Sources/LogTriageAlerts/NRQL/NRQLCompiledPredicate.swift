/// A `WHERE` predicate compiled against a record schema: every attribute it tests is
/// resolved to where records carry it, and string literals keep their bytes, so testing a
/// record builds no string and looks up no name.
///
/// Gives exactly ``NRQLPredicate/evaluate(_:)``'s answer on a ``RecordViewNRQL`` of the same
/// binding: the same three-valued logic, NRQL's comparisons of mixed kinds, case-sensitive
/// strings. Tests it cannot do from bytes (row expressions, `RLIKE`) run as written.
public final class NRQLCompiledPredicate: Sendable {
    public let predicate: NRQLPredicate
    private let root: Node

    indirect enum Node: Sendable {
        /// `attribute = 'text'` or `!=`; `literal` again as a value for a record's number or boolean.
        case equalsString(NRQLBoundAttribute, NRQLStringLiteral, NRQLValue, negated: Bool)
        /// Any other `attribute <op> literal`.
        case comparison(NRQLBoundAttribute, NRQLComparisonOperator, NRQLValue)
        case like(NRQLBoundAttribute, NRQLLikePattern, negated: Bool)
        /// `IN` of strings only.
        case inStrings(NRQLBoundAttribute, [NRQLStringLiteral], [NRQLValue], negated: Bool)
        /// `IN` of a list holding numbers or booleans.
        case inValues(NRQLBoundAttribute, [NRQLValue], negated: Bool)
        case isNull(NRQLBoundAttribute, negated: Bool)
        /// A test read through ``NRQLPredicate/truth(_:)`` as written.
        case interpreted(NRQLPredicate)
        case and(Node, Node)
        case or(Node, Node)
        case not(Node)
    }

    public init(_ predicate: NRQLPredicate, binding: NRQLAttributeBinding) {
        self.predicate = predicate
        root = Self.compile(predicate, binding)
    }

    private static func compile(_ predicate: NRQLPredicate, _ binding: NRQLAttributeBinding) -> Node {
        switch predicate {
        case let .comparison(attribute, op, literal):
            if case let .string(text) = literal, op == .equal || op == .notEqual {
                return .equalsString(binding.bind(attribute), NRQLStringLiteral(text), literal, negated: op == .notEqual)
            }
            return .comparison(binding.bind(attribute), op, literal)
        case let .like(attribute, pattern, negated):
            return .like(binding.bind(attribute), pattern, negated: negated)
        case let .in(attribute, literals, negated):
            let strings = literals.compactMap { literal -> NRQLStringLiteral? in
                if case let .string(text) = literal { return NRQLStringLiteral(text) }
                return nil
            }
            if strings.count == literals.count {
                return .inStrings(binding.bind(attribute), strings, literals, negated: negated)
            }
            return .inValues(binding.bind(attribute), literals, negated: negated)
        case let .isNull(attribute, negated):
            return .isNull(binding.bind(attribute), negated: negated)
        case .compare, .rlike:
            return .interpreted(predicate)
        case let .and(left, right):
            return .and(compile(left, binding), compile(right, binding))
        case let .or(left, right):
            return .or(compile(left, binding), compile(right, binding))
        case let .not(inner):
            return .not(compile(inner, binding))
        }
    }

    /// A test `attribute = 'text'` the whole predicate is true only when it is: the first of
    /// the conjuncts the predicate is made of (all of it when it is that test), nil when that
    /// one is any other test.
    var leadingEquality: (attribute: NRQLBoundAttribute, literal: NRQLStringLiteral)? {
        var node = root
        while case let .and(left, _) = node { node = left }
        guard case let .equalsString(attribute, literal, _, negated: false) = node else { return nil }
        return (attribute, literal)
    }

    /// Whether `record` passes: the predicate is true (not false, not unknown).
    public func evaluate(_ record: RecordViewNRQL) -> Bool {
        Self.truth(root, record) == true
    }

    private static func truth(_ node: Node, _ record: RecordViewNRQL) -> Bool? {
        switch node {
        // The literal as a value is bound only for a record's number or boolean: bound with the
        // rest, it was copied and destroyed on every test (a tenth of the tests' instructions).
        case let .equalsString(attribute, literal, _, negated):
            switch record.match(attribute, literal) {
            case .absent: return nil
            case .equal: return !negated
            case .different: return negated
            case .notAString:
                guard let read = record.value(attribute), case let .equalsString(_, _, value, _) = node else { return nil }
                return (NRQLRelation(read, value) == .equal) != negated
            }
        case let .comparison(attribute, op, literal):
            guard let value = record.value(attribute) else { return nil }
            return op.holds(NRQLRelation(value, literal))
        case let .like(attribute, pattern, negated):
            switch record.reading(attribute) {
            case .absent: return nil
            case let .level(level): return pattern.matches(level) != negated
            case let .value(raw):
                if raw.kind == .string || raw.kind == .object || raw.kind == .array {
                    return pattern.matches(raw.bytes) != negated
                }
                guard let value = RecordViewNRQL.value(raw) else { return nil }
                return pattern.matches(value.text) != negated
            }
        case let .inStrings(attribute, strings, literals, negated):
            var found = false
            for literal in strings {
                switch record.match(attribute, literal) {
                case .absent: return nil
                case .equal: found = true
                case .different: continue
                case .notAString: return inByValue(record, attribute, literals, negated)
                }
                if found { break }
            }
            return found != negated
        case let .inValues(attribute, literals, negated):
            return inByValue(record, attribute, literals, negated)
        case let .isNull(attribute, negated):
            if case .absent = record.reading(attribute) { return !negated }
            return negated
        case let .interpreted(predicate):
            return predicate.truth(record)
        case let .and(left, right):
            let first = truth(left, record)
            if first == false { return false }
            let second = truth(right, record)
            if second == false { return false }
            return first == true && second == true ? true : nil
        case let .or(left, right):
            let first = truth(left, record)
            if first == true { return true }
            let second = truth(right, record)
            if second == true { return true }
            return first == false && second == false ? false : nil
        case let .not(inner):
            return truth(inner, record).map { !$0 }
        }
    }

    private static func inByValue(_ record: RecordViewNRQL, _ attribute: NRQLBoundAttribute, _ literals: [NRQLValue],
                                  _ negated: Bool) -> Bool? {
        guard let value = record.value(attribute) else { return nil }
        return literals.contains { literal in
            if case let .string(left) = value, case let .string(right) = literal { return left == right }
            return NRQLRelation(value, literal) == .equal
        } != negated
    }
}
