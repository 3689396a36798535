/// What an alert condition's `SELECT` computes per window: one aggregate, or arithmetic,
/// functions and comparisons over aggregates (`count(a) / count(b) * 100`,
/// `floor(latest(x))`, `if(average(x) > 50, average(x), 1)`, `percentage(…) > 1`). It
/// returns one number, as New Relic requires of a condition.
public indirect enum NRQLExpression: Sendable, Hashable, CustomStringConvertible {
    case aggregate(NRQLAggregate)
    case number(Double)
    case arithmetic(NRQLArithmeticOperator, NRQLExpression, NRQLExpression)
    case negate(NRQLExpression)
    /// `floor`, `ceil`, `abs`, `round` of an expression.
    case function(String, NRQLExpression)
    /// A comparison, 1 when it holds and 0 when not (LogTriage's reading of a boolean
    /// `SELECT`: a threshold `above 0` pages when it holds).
    case comparison(NRQLComparisonOperator, NRQLExpression, NRQLExpression)
    /// `if(condition, then, else)`; the condition holds when non-zero.
    case conditional(NRQLExpression, NRQLExpression, NRQLExpression)
    /// `aggregationendtime()`: the end of the window, in epoch milliseconds.
    case windowEnd

    static let functions: Set<String> = ["floor", "ceil", "abs", "round"]

    public var description: String {
        switch self {
        case let .aggregate(aggregate): aggregate.description
        case let .number(number): NRQLValue.format(number)
        case let .arithmetic(op, left, right):
            "\(left.operand(of: op, right: false)) \(op.rawValue) \(right.operand(of: op, right: true))"
        case let .negate(inner): "-\(inner.operand(of: .multiply, right: true))"
        case let .function(name, argument): "\(name)(\(argument))"
        case let .comparison(op, left, right): "\(left) \(op.rawValue) \(right)"
        case let .conditional(condition, then, otherwise): "if(\(condition), \(then), \(otherwise))"
        case .windowEnd: "aggregationendtime()"
        }
    }

    private func operand(of parent: NRQLArithmeticOperator, right: Bool) -> String {
        switch self {
        case let .arithmetic(op, _, _):
            let needs = op.precedence < parent.precedence || (right && op.precedence == parent.precedence)
            return needs ? "(\(description))" : description
        case .comparison: return "(\(description))"
        default: return description
        }
    }

    /// The aggregates, in the order ``value(of:windowEnd:)`` reads their values.
    public var aggregates: [NRQLAggregate] {
        var found: [NRQLAggregate] = []
        collect(into: &found)
        return found
    }

    private func collect(into found: inout [NRQLAggregate]) {
        switch self {
        case let .aggregate(aggregate): found.append(aggregate)
        case .number, .windowEnd: break
        case let .arithmetic(_, left, right), let .comparison(_, left, right):
            left.collect(into: &found)
            right.collect(into: &found)
        case let .negate(inner), let .function(_, inner): inner.collect(into: &found)
        case let .conditional(condition, then, otherwise):
            condition.collect(into: &found)
            then.collect(into: &found)
            otherwise.collect(into: &found)
        }
    }

    /// The expression's value given its aggregates' values in ``aggregates`` order; nil when
    /// a value it needs is missing (the window then has no data point).
    public func value(of values: [Double?], windowEnd: Int64? = nil) -> Double? {
        var index = 0
        return evaluate(values, &index, windowEnd)
    }

    private func evaluate(_ values: [Double?], _ index: inout Int, _ windowEnd: Int64?) -> Double? {
        switch self {
        case .aggregate:
            defer { index += 1 }
            return index < values.count ? values[index] : nil
        case let .number(number): return number
        case .windowEnd: return windowEnd.map(Double.init)
        case let .arithmetic(op, left, right):
            let a = left.evaluate(values, &index, windowEnd)
            let b = right.evaluate(values, &index, windowEnd)
            guard let a, let b else { return nil }
            return op.apply(a, b)
        case let .negate(inner): return inner.evaluate(values, &index, windowEnd).map { -$0 }
        case let .function(name, argument):
            guard let value = argument.evaluate(values, &index, windowEnd) else { return nil }
            return NRQLRowExpression.apply(name, [.number(value)])?.numeric
        case let .comparison(op, left, right):
            let a = left.evaluate(values, &index, windowEnd)
            let b = right.evaluate(values, &index, windowEnd)
            guard let a, let b else { return nil }
            return op.holds(NRQLRelation(.number(a), .number(b))) ? 1 : 0
        case let .conditional(condition, then, otherwise):
            let test = condition.evaluate(values, &index, windowEnd)
            let yes = then.evaluate(values, &index, windowEnd)
            let no = otherwise.evaluate(values, &index, windowEnd)
            return (test ?? 0) != 0 ? yes : no
        }
    }
}
