import Foundation

/// A value computed from one record: an attribute, a literal, arithmetic, or a function such
/// as `numeric()`, `floor()` or `if()`. Aggregate arguments (`average(a / b)`), `WHERE`
/// operands (`numeric(status) >= 400`) and `FACET` items (`concat(…)`) are row expressions.
public indirect enum NRQLRowExpression: Sendable, Hashable, CustomStringConvertible {
    case attribute(String)
    case literal(NRQLValue)
    case arithmetic(NRQLArithmeticOperator, NRQLRowExpression, NRQLRowExpression)
    case negate(NRQLRowExpression)
    /// A row function by its lower-case name (see ``functions``) and its arguments.
    case function(String, [NRQLRowExpression])
    /// `if(condition, then, else)`.
    case conditional(NRQLPredicate, NRQLRowExpression, NRQLRowExpression)

    /// Row functions LogTriage evaluates, by lower-case name.
    static let functions: Set<String> = [
        "numeric", "string", "boolean", "floor", "ceil", "abs", "round", "lower", "upper", "length", "concat",
    ]

    public var description: String {
        switch self {
        case let .attribute(name): NRQLName.quoted(name)
        case let .literal(value): value.description
        case let .arithmetic(op, left, right):
            "\(left.operand(of: op, right: false)) \(op.rawValue) \(right.operand(of: op, right: true))"
        case let .negate(inner): "-\(inner.operand(of: .multiply, right: true))"
        case let .function(name, arguments): "\(name)(\(arguments.map(\.description).joined(separator: ", ")))"
        case let .conditional(condition, then, otherwise): "if(\(condition), \(then), \(otherwise))"
        }
    }

    private func operand(of parent: NRQLArithmeticOperator, right: Bool) -> String {
        guard case let .arithmetic(op, _, _) = self else { return description }
        let needs = op.precedence < parent.precedence || (right && op.precedence == parent.precedence)
        return needs ? "(\(description))" : description
    }

    /// The attribute name when the expression is just one attribute.
    public var attributeName: String? {
        if case let .attribute(name) = self { return name }
        return nil
    }

    func collectAttributes(into names: inout [String]) {
        switch self {
        case let .attribute(name): if !names.contains(name) { names.append(name) }
        case .literal: break
        case let .arithmetic(_, left, right):
            left.collectAttributes(into: &names)
            right.collectAttributes(into: &names)
        case let .negate(inner): inner.collectAttributes(into: &names)
        case let .function(_, arguments): for argument in arguments { argument.collectAttributes(into: &names) }
        case let .conditional(condition, then, otherwise):
            condition.collectAttributes(into: &names)
            then.collectAttributes(into: &names)
            otherwise.collectAttributes(into: &names)
        }
    }

    /// The expression's value on `record`; nil when an attribute it needs is missing or the
    /// arithmetic has no value (a division by zero, text where a number is needed).
    public func value(_ record: some NRQLRecord) -> NRQLValue? {
        switch self {
        case let .attribute(name): return record.value(of: name)
        case let .literal(value): return value
        case let .arithmetic(op, left, right):
            guard let a = left.value(record)?.numeric, let b = right.value(record)?.numeric,
                  let result = op.apply(a, b) else { return nil }
            return .number(result)
        case let .negate(inner):
            return inner.value(record)?.numeric.map { .number(-$0) }
        case let .conditional(condition, then, otherwise):
            return condition.evaluate(record) ? then.value(record) : otherwise.value(record)
        case let .function(name, arguments):
            let values = arguments.map { $0.value(record) }
            return Self.apply(name, values)
        }
    }

    /// The value as a number, for aggregates that need one.
    public func number(_ record: some NRQLRecord) -> Double? {
        value(record)?.numeric.flatMap { $0.isFinite ? $0 : nil }
    }

    static func apply(_ name: String, _ values: [NRQLValue?]) -> NRQLValue? {
        let first = values.first ?? nil
        switch name {
        case "numeric": return first?.numeric.map(NRQLValue.number)
        case "string": return first.map { .string($0.text) }
        case "boolean":
            guard let first else { return nil }
            switch first {
            case let .bool(flag): return .bool(flag)
            case let .number(number): return .bool(number != 0)
            case let .string(text): return ["true": NRQLValue.bool(true), "false": .bool(false)][text.lowercased()]
            }
        case "floor": return first?.numeric.map { .number($0.rounded(.down)) }
        case "ceil": return first?.numeric.map { .number($0.rounded(.up)) }
        case "abs": return first?.numeric.map { .number(Swift.abs($0)) }
        case "round": return first?.numeric.map { .number($0.rounded(.toNearestOrAwayFromZero)) }
        case "lower": return first.map { .string($0.text.lowercased()) }
        case "upper": return first.map { .string($0.text.uppercased()) }
        case "length": return first.map { .number(Double($0.text.count)) }
        case "concat": return .string(values.map { $0?.text ?? "" }.joined())
        default: return nil
        }
    }
}

/// The arithmetic operators of NRQL expressions.
public enum NRQLArithmeticOperator: String, Sendable, Hashable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"

    var precedence: Int { self == .add || self == .subtract ? 1 : 2 }

    /// The result; nil for a division by zero (no value, as NRQL gives none).
    func apply(_ a: Double, _ b: Double) -> Double? {
        switch self {
        case .add: a + b
        case .subtract: a - b
        case .multiply: a * b
        case .divide: b == 0 ? nil : a / b
        }
    }
}
