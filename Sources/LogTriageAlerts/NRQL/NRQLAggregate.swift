/// One aggregate function of an alert condition's query, computed per window and facet.
///
/// The simple forms the proposals write keep their own cases (`count(*)`, `filter()`,
/// `percentage()` of `count(*)`, one-attribute value functions); the others (an aggregate of
/// an expression, `count(attribute)`, `filter()` of any aggregate, `rate()`, `apdex()`,
/// `latest()`…) have general cases. The parser always builds the simple case when one fits,
/// so equal queries are equal values.
public indirect enum NRQLAggregate: Sendable, Hashable, CustomStringConvertible {
    /// `count(*)`: records passing the query's WHERE.
    case count
    /// `filter(count(*), WHERE …)`: of those, the records that also pass the inner predicate.
    case filter(NRQLPredicate)
    /// `percentage(count(*), WHERE …)`: that share, 0–100.
    case percentage(NRQLPredicate)
    case average(String)
    case max(String)
    case min(String)
    case sum(String)
    /// `percentile(attribute, N)`, N in 0–100.
    case percentile(String, Double)
    /// `uniqueCount(attribute)`: distinct values.
    case uniqueCount(String)
    /// `count(expression)`: records where the expression has a value.
    case countOf(NRQLRowExpression)
    /// A value function of an expression (`average(a / b)`, `latest(x)`, `median(x)`).
    case value(NRQLValueFunction, NRQLRowExpression)
    /// `filter(aggregate, WHERE …)` of any aggregate but `count(*)`.
    case filtered(NRQLAggregate, NRQLPredicate)
    /// `percentage(aggregate, WHERE …)` of any aggregate but `count(*)`: the aggregate over
    /// the records passing the predicate, as a share of it over all records.
    case percentageOf(NRQLAggregate, NRQLPredicate)
    /// `rate(aggregate, N unit)`: the aggregate per `seconds` of the window.
    case rate(NRQLAggregate, seconds: Double)
    /// `apdex(expression, t: T)`: (satisfied + tolerating / 2) / all, satisfied at most T,
    /// tolerating at most 4T.
    /// Without `t:` New Relic reads the application's Apdex T, which log records do not carry.
    case apdex(NRQLRowExpression, t: Double?)
    /// `uniqueCount(a, b, …)`: distinct combinations.
    case uniqueCountOf([NRQLRowExpression])
    /// A function New Relic knows whose value on log records would not be its own
    /// (`histogramPercentile` of metric histograms, …), kept as written so the condition
    /// loads and is refused with its name.
    case withoutMeaningOnLogs(name: String, arguments: String)

    public var description: String {
        switch self {
        case .count: "count(*)"
        case let .filter(predicate): "filter(count(*), WHERE \(predicate))"
        case let .percentage(predicate): "percentage(count(*), WHERE \(predicate))"
        case let .average(attribute): "average(\(NRQLName.quoted(attribute)))"
        case let .max(attribute): "max(\(NRQLName.quoted(attribute)))"
        case let .min(attribute): "min(\(NRQLName.quoted(attribute)))"
        case let .sum(attribute): "sum(\(NRQLName.quoted(attribute)))"
        case let .percentile(attribute, rank): "percentile(\(NRQLName.quoted(attribute)), \(NRQLValue.format(rank)))"
        case let .uniqueCount(attribute): "uniqueCount(\(NRQLName.quoted(attribute)))"
        case let .countOf(expression): "count(\(expression))"
        case let .value(function, expression): function.call(expression.description)
        case let .filtered(inner, predicate): "filter(\(inner), WHERE \(predicate))"
        case let .percentageOf(inner, predicate): "percentage(\(inner), WHERE \(predicate))"
        case let .rate(inner, seconds): "rate(\(inner), \(NRQLValue.format(seconds)) seconds)"
        case let .apdex(expression, t): "apdex(\(expression)\(t.map { ", t: \(NRQLValue.format($0))" } ?? ""))"
        case let .uniqueCountOf(expressions): "uniqueCount(\(expressions.map(\.description).joined(separator: ", ")))"
        case let .withoutMeaningOnLogs(name, arguments): "\(name)(\(arguments))"
        }
    }

    /// The attributes the aggregate itself reads, in order of first appearance.
    public var attributes: [String] {
        var names: [String] = []
        collectAttributes(into: &names)
        return names
    }

    func collectAttributes(into names: inout [String]) {
        func add(_ name: String) { if !names.contains(name) { names.append(name) } }
        switch self {
        case .count, .withoutMeaningOnLogs: break
        case let .filter(predicate), let .percentage(predicate): predicate.collectAttributes(into: &names)
        case let .average(attribute), let .max(attribute), let .min(attribute), let .sum(attribute),
             let .percentile(attribute, _), let .uniqueCount(attribute):
            add(attribute)
        case let .countOf(expression), let .value(_, expression), let .apdex(expression, _):
            expression.collectAttributes(into: &names)
        case let .filtered(inner, predicate), let .percentageOf(inner, predicate):
            inner.collectAttributes(into: &names)
            predicate.collectAttributes(into: &names)
        case let .rate(inner, _): inner.collectAttributes(into: &names)
        case let .uniqueCountOf(expressions): for expression in expressions { expression.collectAttributes(into: &names) }
        }
    }

    /// The name of the first function in it that has no meaning on log records.
    var functionWithoutMeaningOnLogs: String? {
        switch self {
        case let .withoutMeaningOnLogs(name, _): name
        case .apdex(_, nil): "apdex"
        case let .filtered(inner, _), let .percentageOf(inner, _), let .rate(inner, _): inner.functionWithoutMeaningOnLogs
        default: nil
        }
    }
}

/// The value functions an aggregate applies to a numeric expression.
public enum NRQLValueFunction: Sendable, Hashable {
    case average, max, min, sum, latest, earliest, median, stddev
    case percentile(Double)

    func call(_ argument: String) -> String {
        switch self {
        case .average: "average(\(argument))"
        case .max: "max(\(argument))"
        case .min: "min(\(argument))"
        case .sum: "sum(\(argument))"
        case .latest: "latest(\(argument))"
        case .earliest: "earliest(\(argument))"
        case .median: "median(\(argument))"
        case .stddev: "stddev(\(argument))"
        case let .percentile(rank): "percentile(\(argument), \(NRQLValue.format(rank)))"
        }
    }
}

extension NRQLAggregate {
    /// Whether merging accumulators of this aggregate leaves the same state however the merges
    /// are grouped, `(a + b) + c` as `a + (b + c)`: counts, sets of values and percentile
    /// sketches do; sums of doubles (`average`, `sum`, `stddev`, and the totals `min` and `max`
    /// keep besides) round differently, and `latest` weighs ties by order.
    package var mergesInAnyGrouping: Bool {
        switch self {
        case .count, .filter, .percentage, .percentile, .uniqueCount, .uniqueCountOf, .countOf, .apdex, .withoutMeaningOnLogs:
            true
        case let .value(function, _):
            switch function {
            case .percentile, .median: true
            case .average, .max, .min, .sum, .latest, .earliest, .stddev: false
            }
        case let .filtered(inner, _), let .percentageOf(inner, _), let .rate(inner, _): inner.mergesInAnyGrouping
        case .average, .max, .min, .sum: false
        }
    }

    /// Whether its accumulator keeps values (a `uniqueCount`'s, a percentile's), so that
    /// merging one costs in proportion to them rather than a few numbers.
    package var keepsValues: Bool {
        switch self {
        case .percentile, .uniqueCount, .uniqueCountOf: true
        case let .value(function, _):
            switch function {
            case .percentile, .median: true
            case .average, .max, .min, .sum, .latest, .earliest, .stddev: false
            }
        case let .filtered(inner, _), let .percentageOf(inner, _), let .rate(inner, _): inner.keepsValues
        case .count, .filter, .percentage, .average, .max, .min, .sum, .countOf, .apdex, .withoutMeaningOnLogs: false
        }
    }
}
