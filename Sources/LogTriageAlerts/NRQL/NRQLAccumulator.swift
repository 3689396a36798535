/// Accumulates one aggregate over the records of one window and facet value.
///
/// The caller applies the query's WHERE and facets and adds the records that pass; the
/// accumulator applies only the aggregate (including the inner WHERE of `filter()` and
/// `percentage()`). Accumulators of the same aggregate merge, so files can be read in
/// parallel. Aggregates of aggregates (`filter(sum(x), …)`, `rate(count(*), …)`) hold
/// their inner accumulators.
public struct NRQLAccumulator: Sendable {
    public let aggregate: NRQLAggregate
    /// The aggregation window, which `rate()` divides by.
    public let windowSeconds: Int
    /// Records added.
    public private(set) var recordCount = 0
    /// `filter`/`percentage`: records that passed the inner predicate; `count(x)`: records
    /// where x has a value.
    private var matched = 0
    /// Value aggregates: numeric values seen, their sum, sum of squares and extremes.
    private var valueCount = 0
    private var total = 0.0
    private var squares = 0.0
    private var smallest = Double.infinity
    private var largest = -Double.infinity
    /// `latest`/`earliest`: the value and its time (epoch ms; arrival order without time).
    private var chosen: (value: Double, time: Int64)?
    private var arrivals: Int64 = 0
    /// `apdex`: satisfied and tolerating records.
    private var satisfied = 0
    private var tolerating = 0
    private var sketch: NRQLPercentileSketch?
    private var unique: NRQLUniqueCounter?
    /// `filtered`, `percentageOf`: the inner aggregate over the matching records, then over
    /// all; `rate`: the inner aggregate.
    private var inner: [NRQLAccumulator] = []

    public init(_ aggregate: NRQLAggregate, windowSeconds: Int = 60) {
        self.aggregate = aggregate
        self.windowSeconds = windowSeconds
        switch aggregate {
        case .percentile, .value(.percentile, _), .value(.median, _): sketch = NRQLPercentileSketch()
        case .uniqueCount, .uniqueCountOf: unique = NRQLUniqueCounter()
        case let .filtered(of, _), let .rate(of, _): inner = [NRQLAccumulator(of, windowSeconds: windowSeconds)]
        case let .percentageOf(of, _):
            inner = [NRQLAccumulator(of, windowSeconds: windowSeconds), NRQLAccumulator(of, windowSeconds: windowSeconds)]
        default: break
        }
    }

    /// Adds one record that passed the query's WHERE; `time` (epoch ms) orders `latest()`
    /// and `earliest()`, which otherwise follow the order records are added in.
    ///
    /// The value aggregates read numbers and strings holding a decimal number; records
    /// without the attribute, or with a boolean or other text, are left out (as New Relic
    /// leaves out events lacking a numeric value). `uniqueCount` counts any present value,
    /// a number and its text as two values.
    public mutating func add(_ record: some NRQLRecord, time: Int64? = nil) {
        recordCount += 1
        arrivals += 1
        switch aggregate {
        case .count, .withoutMeaningOnLogs:
            break
        case let .filter(predicate), let .percentage(predicate):
            if predicate.evaluate(record) { matched += 1 }
        case let .average(attribute), let .min(attribute), let .max(attribute), let .sum(attribute):
            guard let number = record.value(of: attribute)?.numeric, number.isFinite else { return }
            addValue(number, time: time)
        case let .percentile(attribute, _):
            guard let number = record.value(of: attribute)?.numeric else { return }
            sketch?.record(number)
        case let .uniqueCount(attribute):
            guard let value = record.value(of: attribute) else { return }
            unique?.insert(value)
        case let .countOf(expression):
            if expression.value(record) != nil { matched += 1 }
        case let .value(function, expression):
            guard let number = expression.number(record) else { return }
            switch function {
            case .percentile, .median: sketch?.record(number)
            default: addValue(number, time: time)
            }
        case let .filtered(_, predicate):
            if predicate.evaluate(record) { inner[0].add(record, time: time) }
        case let .percentageOf(_, predicate):
            if predicate.evaluate(record) { inner[0].add(record, time: time) }
            inner[1].add(record, time: time)
        case .rate:
            inner[0].add(record, time: time)
        case let .apdex(expression, t):
            guard let t, let number = expression.number(record) else { return }
            valueCount += 1
            if number <= t { satisfied += 1 } else if number <= 4 * t { tolerating += 1 }
        case let .uniqueCountOf(expressions):
            let values = expressions.map { $0.value(record) }
            guard values.contains(where: { $0 != nil }) else { return }
            unique?.insert(.string(values.map { $0?.description ?? "null" }.joined(separator: "\u{1F}")))
        }
    }

    /// Adds one record to `filter(count(*), …)` or `percentage(count(*), …)` when the caller
    /// has already tested the inner `WHERE` (`passing`), so the predicate runs once per record.
    package mutating func add(passingInner passing: Bool) {
        switch aggregate {
        case .filter, .percentage:
            recordCount += 1
            arrivals += 1
            if passing { matched += 1 }
        default:
            preconditionFailure("add(passingInner:) of \(aggregate), which has no inner WHERE of its own")
        }
    }

    /// The aggregates whose value is read from two counts: the records added and those the
    /// inner `WHERE` matched. Whoever keeps just those counts gets the aggregate's value here,
    /// so it cannot drift from ``value``.
    package enum Counting: Sendable {
        case count, filter, percentage

        package init?(_ aggregate: NRQLAggregate) {
            switch aggregate {
            case .count: self = .count
            case .filter: self = .filter
            case .percentage: self = .percentage
            default: return nil
            }
        }

        package func value(records: Int, matched: Int) -> Double {
            switch self {
            case .count: Double(records)
            case .filter: Double(matched)
            case .percentage: records == 0 ? 0 : Double(matched) / Double(records) * 100
            }
        }
    }

    /// Whether the aggregate only counts records, so that adding records one group at a time
    /// or merging the groups' accumulators gives exactly the same value.
    package var onlyCounts: Bool {
        switch aggregate {
        case .count, .filter, .percentage: true
        default: false
        }
    }

    private mutating func addValue(_ number: Double, time: Int64?) {
        valueCount += 1
        total += number
        squares += number * number
        smallest = Swift.min(smallest, number)
        largest = Swift.max(largest, number)
        let at = time ?? arrivals
        switch aggregate {
        case .value(.earliest, _):
            if chosen == nil || at < chosen!.time { chosen = (number, at) }
        default:
            if chosen == nil || at >= chosen!.time { chosen = (number, at) }
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
    /// `percentile` are nil until a numeric value arrives. Whether a window without records
    /// is evaluated at all is the replay's business: in New Relic it has no data point.
    public var value: Double? {
        switch aggregate {
        case .count: Counting.count.value(records: recordCount, matched: matched)
        case .filter: Counting.filter.value(records: recordCount, matched: matched)
        case .percentage: Counting.percentage.value(records: recordCount, matched: matched)
        case .average: valueCount == 0 ? nil : total / Double(valueCount)
        case .min: valueCount == 0 ? nil : smallest
        case .max: valueCount == 0 ? nil : largest
        case .sum: valueCount == 0 ? nil : total
        case let .percentile(_, rank): sketch?.value(atPercentile: rank)
        case .uniqueCount, .uniqueCountOf: recordCount == 0 ? nil : unique?.count
        case .countOf: Double(matched)
        case let .value(function, _):
            switch function {
            case .average: valueCount == 0 ? nil : total / Double(valueCount)
            case .min: valueCount == 0 ? nil : smallest
            case .max: valueCount == 0 ? nil : largest
            case .sum: valueCount == 0 ? nil : total
            case .latest, .earliest: chosen?.value
            case .stddev: valueCount == 0 ? nil : Self.standardDeviation(count: valueCount, total: total, squares: squares)
            case .median: sketch?.value(atPercentile: 50)
            case let .percentile(rank): sketch?.value(atPercentile: rank)
            }
        case .filtered:
            // filter() of a count reads 0 over no matching record; of a value function, nothing.
            inner[0].value ?? (inner[0].isCount ? 0 : nil)
        case .percentageOf:
            if let part = inner[0].value ?? (inner[0].isCount ? 0 : nil), let whole = inner[1].value, whole != 0 {
                part / whole * 100
            } else {
                nil
            }
        case let .rate(_, seconds):
            windowSeconds > 0 ? inner[0].value.map { $0 * seconds / Double(windowSeconds) } : nil
        case .apdex: valueCount == 0 ? nil : (Double(satisfied) + Double(tolerating) / 2) / Double(valueCount)
        case .withoutMeaningOnLogs: nil
        }
    }

    private var isCount: Bool {
        switch aggregate {
        case .count, .countOf, .filter: true
        default: false
        }
    }

    /// Population standard deviation, as NRQL's `stddev()`.
    private static func standardDeviation(count: Int, total: Double, squares: Double) -> Double {
        let mean = total / Double(count)
        return (Swift.max(0, squares / Double(count) - mean * mean)).squareRoot()
    }

    /// Heap bytes the accumulator holds beyond its own fields: a `uniqueCount`'s values, a
    /// percentile's sketch, inner aggregates. Like theirs, a function of what it took in alone,
    /// never less after more (``WindowStorageCost``).
    package var heapBytes: Int {
        var bytes = (sketch?.storageBytes ?? 0) + (unique?.storageBytes ?? 0)
        if !inner.isEmpty {
            bytes += 32
            for part in inner { bytes += MemoryLayout<NRQLAccumulator>.stride + part.heapBytes }
        }
        return bytes
    }

    /// Adds `other`'s records; both must accumulate the same aggregate.
    public mutating func merge(_ other: NRQLAccumulator) {
        precondition(aggregate == other.aggregate, "merging accumulators of different aggregates")
        recordCount += other.recordCount
        matched += other.matched
        valueCount += other.valueCount
        total += other.total
        squares += other.squares
        smallest = Swift.min(smallest, other.smallest)
        largest = Swift.max(largest, other.largest)
        satisfied += other.satisfied
        tolerating += other.tolerating
        if let theirs = other.chosen {
            let earliest = if case .value(.earliest, _) = aggregate { true } else { false }
            if chosen == nil || (earliest ? theirs.time < chosen!.time : theirs.time >= chosen!.time) { chosen = theirs }
        }
        arrivals += other.arrivals
        if let theirs = other.sketch { sketch?.merge(theirs) }
        if let theirs = other.unique { unique?.merge(theirs) }
        for index in inner.indices { inner[index].merge(other.inner[index]) }
    }
}

extension NRQLAccumulator {
    /// What the accumulator has counted, without the aggregate it counts for: a partial run
    /// writes it down, and the merge loads it into an accumulator made from the same
    /// condition (``init(_:windowSeconds:)``) before merging.
    package struct State: Codable, Sendable {
        var recordCount: Int
        var matched: Int
        var valueCount: Int
        var total: Double
        var squares: Double
        var smallest: Double
        var largest: Double
        var chosenValue: Double?
        var chosenTime: Int64?
        var arrivals: Int64
        var satisfied: Int
        var tolerating: Int
        var sketch: NRQLPercentileSketch?
        var unique: NRQLUniqueCounter?
        var inner: [State]
    }
}

extension NRQLAccumulator.State {
    /// The state of a `count`, `filter` or `percentage` of records that added `records` and
    /// matched `matched` of them: what such an accumulator writes down, for windows that keep
    /// only the two counts (``ConditionWindow``).
    package init(counting records: Int, matched: Int) {
        self.init(recordCount: records, matched: matched, valueCount: 0, total: 0, squares: 0, smallest: .infinity,
                  largest: -.infinity, chosenValue: nil, chosenTime: nil, arrivals: Int64(records), satisfied: 0, tolerating: 0,
                  sketch: nil, unique: nil, inner: [])
    }

    /// The two counts a `count`, `filter` or `percentage` of records reads from this state;
    /// nil when it was counted for an aggregate of another shape.
    package var counts: (records: Int, matched: Int)? {
        guard inner.isEmpty, sketch == nil, unique == nil else { return nil }
        return (recordCount, matched)
    }
}

extension NRQLAccumulator {
    package var state: State {
        State(recordCount: recordCount, matched: matched, valueCount: valueCount, total: total, squares: squares,
              smallest: smallest, largest: largest, chosenValue: chosen?.value, chosenTime: chosen?.time, arrivals: arrivals,
              satisfied: satisfied, tolerating: tolerating, sketch: sketch, unique: unique, inner: inner.map(\.state))
    }

    /// Loads `state` into this fresh accumulator; false when it was counted for another shape
    /// of aggregate (another condition).
    package mutating func load(_ state: State) -> Bool {
        guard state.inner.count == inner.count, (state.sketch == nil) == (sketch == nil),
              (state.unique == nil) == (unique == nil) else { return false }
        recordCount = state.recordCount
        matched = state.matched
        valueCount = state.valueCount
        total = state.total
        squares = state.squares
        smallest = state.smallest
        largest = state.largest
        chosen = state.chosenValue.flatMap { value in state.chosenTime.map { (value, $0) } }
        arrivals = state.arrivals
        satisfied = state.satisfied
        tolerating = state.tolerating
        sketch = state.sketch
        unique = state.unique
        for index in inner.indices where !inner[index].load(state.inner[index]) { return false }
        return true
    }
}
