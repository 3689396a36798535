/// Accumulates a query's aggregate over the records of one window and facet value.
///
/// The caller applies the query's WHERE and facets and adds the records that pass; the
/// accumulator applies only the aggregate (including the inner WHERE of `filter()` and
/// `percentage()`). Accumulators of the same aggregate merge, so files can be read in
/// parallel.
public struct NRQLAccumulator: Sendable {
    public let aggregate: NRQLAggregate
    /// Records added.
    public private(set) var recordCount = 0
    /// `filter`/`percentage`: records that passed the inner predicate.
    private var matched = 0
    /// `average`/`min`/`max`/`sum`: numeric values seen.
    private var valueCount = 0
    private var total = 0.0
    private var smallest = Double.infinity
    private var largest = -Double.infinity
    private var sketch: NRQLPercentileSketch?
    private var unique: NRQLUniqueCounter?

    public init(_ aggregate: NRQLAggregate) {
        self.aggregate = aggregate
        switch aggregate {
        case .percentile: sketch = NRQLPercentileSketch()
        case .uniqueCount: unique = NRQLUniqueCounter()
        default: break
        }
    }

    /// Adds one record that passed the query's WHERE.
    ///
    /// The value aggregates read numbers and strings holding a decimal number; records
    /// without the attribute, or with a boolean or other text, are left out (as New Relic
    /// leaves out events lacking a numeric value). `uniqueCount` counts any present value,
    /// a number and its text as two values.
    public mutating func add(_ record: some NRQLRecord) {
        recordCount += 1
        switch aggregate {
        case .count:
            break
        case let .filter(predicate), let .percentage(predicate):
            if predicate.evaluate(record) { matched += 1 }
        case let .average(attribute), let .min(attribute), let .max(attribute), let .sum(attribute):
            guard let number = record.value(of: attribute)?.numeric, number.isFinite else { return }
            valueCount += 1
            total += number
            smallest = Swift.min(smallest, number)
            largest = Swift.max(largest, number)
        case let .percentile(attribute, _):
            guard let number = record.value(of: attribute)?.numeric else { return }
            sketch?.record(number)
        case let .uniqueCount(attribute):
            guard let value = record.value(of: attribute) else { return }
            unique?.insert(value)
        }
    }

    /// Adds `weight` identical records at once: what a tally of equal records (the proposal
    /// backtest's signal cube) needs so it need not replay every record.
    public mutating func add(_ record: some NRQLRecord, weight: Int) {
        guard weight > 0 else { return }
        switch aggregate {
        case .count:
            recordCount += weight
        case let .filter(predicate), let .percentage(predicate):
            recordCount += weight
            if predicate.evaluate(record) { matched += weight }
        default:
            for _ in 0..<weight { add(record) }
        }
    }

    /// The aggregate's value; nil when it has none.
    ///
    /// `count` and `filter` are 0 with no records, and `percentage` is 0 with no records
    /// (rather than undefined) so a quiet window reads as "no failures". `uniqueCount` is 0
    /// once any record was added and nil before. `average`, `min`, `max`, `sum` and
    /// `percentile` are nil until a numeric value arrives. Whether an empty window is
    /// evaluated at all is `NRQLQuery.zeroWhenEmpty`'s business.
    public var value: Double? {
        switch aggregate {
        case .count: Double(recordCount)
        case .filter: Double(matched)
        case .percentage: recordCount == 0 ? 0 : Double(matched) / Double(recordCount) * 100
        case .average: valueCount == 0 ? nil : total / Double(valueCount)
        case .min: valueCount == 0 ? nil : smallest
        case .max: valueCount == 0 ? nil : largest
        case .sum: valueCount == 0 ? nil : total
        case let .percentile(_, rank): sketch?.value(atPercentile: rank)
        case .uniqueCount: recordCount == 0 ? nil : unique?.count
        }
    }

    /// Adds `other`'s records; both must accumulate the same aggregate.
    public mutating func merge(_ other: NRQLAccumulator) {
        precondition(aggregate == other.aggregate, "merging accumulators of different aggregates")
        recordCount += other.recordCount
        matched += other.matched
        valueCount += other.valueCount
        total += other.total
        smallest = Swift.min(smallest, other.smallest)
        largest = Swift.max(largest, other.largest)
        if let theirs = other.sketch { sketch?.merge(theirs) }
        if let theirs = other.unique { unique?.merge(theirs) }
    }
}
