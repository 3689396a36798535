extension NRQLPredicate {
    /// Whether `record` passes the predicate, with NRQL's (SQL's) treatment of missing values.
    ///
    /// A test on an attribute the record lacks is *unknown*, not false: `NOT`, `AND` and `OR`
    /// follow three-valued logic (`NOT unknown` is unknown, `false AND unknown` is false,
    /// `true OR unknown` is true), and the record passes only when the whole predicate is
    /// true. So `x != 1`, `x NOT LIKE …`, `x NOT IN (…)` and `NOT x = 1` all skip records
    /// without `x`, as New Relic's `!=` does; only `IS NULL` matches them.
    ///
    /// Values of different kinds: a number and a string holding a decimal number compare
    /// numerically either way round (`http.statusCode = '500'` matches the number 500,
    /// `durationMs > 2000` matches the string `"2500"`); a boolean and the string
    /// `'true'`/`'false'` (any case) compare as booleans. Other mixes never compare equal
    /// and never order, so `=`, `<`, `<=`, `>`, `>=` are false and `!=` is true. Strings
    /// compare case-sensitively, ordered by Unicode. `LIKE` reads a number or boolean as
    /// its printed text.
    public func evaluate(_ record: some NRQLRecord) -> Bool {
        truth(record) == true
    }

    /// `IN` by the attribute's value, for lists or values that are not all strings.
    private func inByValue(_ record: some NRQLRecord, _ attribute: String, _ literals: [NRQLValue], _ negated: Bool) -> Bool? {
        guard let value = record.value(of: attribute) else { return nil }
        return literals.contains { literal in
            if case let .string(left) = value, case let .string(right) = literal { return left == right }
            return NRQLRelation(value, literal) == .equal
        } != negated
    }

    /// The three-valued result: nil is unknown.
    func truth(_ record: some NRQLRecord) -> Bool? {
        switch self {
        case let .comparison(attribute, op, literal):
            // Equality with a string needs no Unicode ordering and, from a record's bytes, no
            // string either: the common test, made cheap.
            if case let .string(right) = literal, op == .equal || op == .notEqual {
                switch record.match(attribute, string: right) {
                case .absent: return nil
                case .equal: return op == .equal
                case .different: return op == .notEqual
                case .notAString: break
                }
            }
            guard let value = record.value(of: attribute) else { return nil }
            return op.holds(NRQLRelation(value, literal))
        case let .like(attribute, pattern, negated):
            guard let value = record.value(of: attribute) else { return nil }
            return pattern.matches(value.text) != negated
        case let .in(attribute, literals, negated):
            if literals.allSatisfy({ if case .string = $0 { true } else { false } }) {
                var found = false
                for case let .string(right) in literals {
                    switch record.match(attribute, string: right) {
                    case .absent: return nil
                    case .equal: found = true
                    case .different: continue
                    case .notAString: return inByValue(record, attribute, literals, negated)
                    }
                    if found { break }
                }
                return found != negated
            }
            return inByValue(record, attribute, literals, negated)
        case let .isNull(attribute, negated):
            return (record.value(of: attribute) == nil) != negated
        case let .compare(left, op, right):
            guard let a = left.value(record), let b = right.value(record) else { return nil }
            if case let .string(x) = a, case let .string(y) = b, op == .equal || op == .notEqual {
                return (x == y) == (op == .equal)
            }
            return op.holds(NRQLRelation(a, b))
        case let .rlike(expression, pattern, negated):
            guard let value = expression.value(record) else { return nil }
            return pattern.matches(value.text) != negated
        case let .and(left, right):
            let first = left.truth(record)
            if first == false { return false }
            let second = right.truth(record)
            if second == false { return false }
            return first == true && second == true ? true : nil
        case let .or(left, right):
            let first = left.truth(record)
            if first == true { return true }
            let second = right.truth(record)
            if second == true { return true }
            return first == false && second == false ? false : nil
        case let .not(inner):
            return inner.truth(record).map { !$0 }
        }
    }
}

/// How a record's value stands against a literal.
enum NRQLRelation: Equatable {
    case less, equal, greater
    /// Unequal, with no order between them (two different booleans).
    case different
    /// Of kinds that never compare (a word against a number).
    case incomparable

    init(_ value: NRQLValue, _ literal: NRQLValue) {
        switch (value, literal) {
        case let (.string(left), .string(right)):
            self = Self.order(left, right)
        case let (.bool(left), .bool(right)):
            self = left == right ? .equal : .different
        case let (.bool(flag), .string(text)), let (.string(text), .bool(flag)):
            switch text.lowercased() {
            case "true": self = flag ? .equal : .different
            case "false": self = flag ? .different : .equal
            default: self = .incomparable
            }
        case (.bool, .number), (.number, .bool):
            self = .incomparable
        default:
            guard let left = value.numeric, let right = literal.numeric else { self = .incomparable; return }
            self = Self.order(left, right)
        }
    }

    private static func order<T: Comparable>(_ left: T, _ right: T) -> NRQLRelation {
        left < right ? .less : left == right ? .equal : .greater
    }
}

extension NRQLComparisonOperator {
    func holds(_ relation: NRQLRelation) -> Bool {
        switch self {
        case .equal: relation == .equal
        case .notEqual: relation != .equal
        case .less: relation == .less
        case .lessOrEqual: relation == .less || relation == .equal
        case .greater: relation == .greater
        case .greaterOrEqual: relation == .greater || relation == .equal
        }
    }
}
