/// The one aggregate function an alert condition's query computes per window and facet.
///
/// New Relic requires a condition's query to return a single number, so a query holds
/// exactly one of these.
public enum NRQLAggregate: Sendable, Hashable, CustomStringConvertible {
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

    /// The aggregate as NRQL (`percentile(durationMs, 95)`).
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
        }
    }

    /// The attributes the aggregate itself reads, in order of first appearance.
    public var attributes: [String] {
        switch self {
        case .count: []
        case let .filter(predicate), let .percentage(predicate): predicate.attributes
        case let .average(attribute), let .max(attribute), let .min(attribute), let .sum(attribute),
             let .percentile(attribute, _), let .uniqueCount(attribute):
            [attribute]
        }
    }
}
