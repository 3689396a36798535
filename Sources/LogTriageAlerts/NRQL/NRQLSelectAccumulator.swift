/// Accumulates a query's whole `SELECT` over one window and facet value: one
/// ``NRQLAccumulator`` per aggregate of the expression, combined when the value is read.
public struct NRQLSelectAccumulator: Sendable {
    public let select: NRQLExpression
    public private(set) var parts: [NRQLAccumulator]
    /// Whether an aggregate keeps values (``NRQLAggregate/keepsValues``): only then does the
    /// accumulator's storage grow as records are added.
    package let keepsValues: Bool

    public init(_ select: NRQLExpression, windowSeconds: Int = 60) {
        self.select = select
        parts = select.aggregates.map { NRQLAccumulator($0, windowSeconds: windowSeconds) }
        keepsValues = select.aggregates.contains(where: \.keepsValues)
    }

    /// Records added (every part sees every record that passed the WHERE).
    public var recordCount: Int { parts.first?.recordCount ?? 0 }

    public mutating func add(_ record: some NRQLRecord, time: Int64? = nil) {
        for index in parts.indices { parts[index].add(record, time: time) }
    }

    /// Adds one record to a `SELECT` of `filter(count(*), …)` or `percentage(count(*), …)`
    /// whose inner `WHERE` the caller has tested (see ``NRQLAccumulator/add(passingInner:)``).
    package mutating func add(passingInner passing: Bool) {
        for index in parts.indices { parts[index].add(passingInner: passing) }
    }

    /// Whether every aggregate only counts records (see ``NRQLAccumulator/onlyCounts``).
    package var onlyCounts: Bool { parts.allSatisfy(\.onlyCounts) }

    public mutating func add(_ record: some NRQLRecord, weight: Int) {
        for index in parts.indices { parts[index].add(record, weight: weight) }
    }

    /// The window's value; `windowEnd` (epoch ms) is what `aggregationendtime()` reads.
    public func value(windowEnd: Int64? = nil) -> Double? {
        select.value(of: parts.map(\.value), windowEnd: windowEnd)
    }

    public var value: Double? { value() }

    /// Heap bytes of its aggregates (their array, each aggregate and what it holds).
    package var heapBytes: Int {
        parts.reduce(32) { $0 + MemoryLayout<NRQLAccumulator>.stride + $1.heapBytes }
    }

    public mutating func merge(_ other: NRQLSelectAccumulator) {
        for index in parts.indices { parts[index].merge(other.parts[index]) }
    }
}

extension NRQLSelectAccumulator {
    /// Each aggregate's counts (see ``NRQLAccumulator/State``).
    package var states: [NRQLAccumulator.State] { parts.map(\.state) }

    /// Loads `states` into this fresh accumulator; false when they do not fit its aggregates.
    package mutating func load(_ states: [NRQLAccumulator.State]) -> Bool {
        guard states.count == parts.count else { return false }
        for index in parts.indices where !parts[index].load(states[index]) { return false }
        return true
    }
}
