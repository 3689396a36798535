/// Per-window aggregates of every condition and facet value, filled record by record as the
/// pipeline streams, keyed by (condition index, facet value, window start).
///
/// Memory is bounded by windows × facet values per condition: a week of 60 s windows is
/// 10,080 windows, and facet values per condition are capped at ``facetLimit`` (New Relic's
/// 5,000). Facet values beyond the cap are not kept, first come first kept; the records they
/// would have added are counted (``droppedRecords(condition:)``) so the report can say the
/// condition would fail in New Relic, where exceeding the cap fails the condition.
/// The accumulator is the caller's: a count, a sum and count for `average`, and so on.
public struct WindowAggregationStore<Accumulator: Sendable>: Sendable {
    /// New Relic's limit of facet values per condition.
    public static var defaultFacetLimit: Int { 5_000 }
    /// The key of an unfaceted condition's single signal.
    public static var noFacet: String { "" }

    /// One facet value's windows.
    public struct Signal: Sendable {
        /// Window start (epoch s) → accumulator.
        public var windows: [Int64: Accumulator] = [:]
        /// Records added, kept so that a merge that overflows can count what it drops.
        public var records = 0
    }

    private struct Slot: Sendable {
        var windowSeconds: Int
        var facets: [String: Signal] = [:]
        var droppedRecords = 0
    }

    public let facetLimit: Int
    private var slots: [Slot]

    /// A store for conditions with these windows, in condition order.
    public init(windowSeconds: [Int], facetLimit: Int = defaultFacetLimit) {
        precondition(windowSeconds.allSatisfy { $0 > 0 }, "windows must be positive")
        self.facetLimit = facetLimit
        slots = windowSeconds.map { Slot(windowSeconds: $0) }
    }

    public var conditionCount: Int { slots.count }

    public func windowSeconds(condition: Int) -> Int { slots[condition].windowSeconds }

    /// Adds one record at `timestamp` (epoch ms) to the accumulator of its window, creating it
    /// with `initial` first; returns false when the facet value is over the cap and dropped.
    @discardableResult
    public mutating func update(condition: Int, facet: String = noFacet, timestamp: Int64,
                                initial: @autoclosure () -> Accumulator,
                                _ body: (inout Accumulator) -> Void) -> Bool {
        let start = WindowSeries.windowStart(ofMilliseconds: timestamp, windowSeconds: slots[condition].windowSeconds)
        let index: Dictionary<String, Signal>.Index
        if let found = slots[condition].facets.index(forKey: facet) {
            index = found
        } else {
            guard slots[condition].facets.count < facetLimit else {
                slots[condition].droppedRecords += 1
                return false
            }
            slots[condition].facets[facet] = Signal()
            index = slots[condition].facets.index(forKey: facet)!
        }
        slots[condition].facets.values[index].records += 1
        body(&slots[condition].facets.values[index].windows[start, default: initial()])
        return true
    }

    /// Changes the accumulator of an existing window without counting a record (for facts
    /// learnt after the stream, such as stale-invoice verdicts); false when there is none.
    @discardableResult
    public mutating func modify(condition: Int, facet: String = noFacet, windowStart: Int64,
                                _ body: (inout Accumulator) -> Void) -> Bool {
        guard let index = slots[condition].facets.index(forKey: facet),
              let window = slots[condition].facets.values[index].windows.index(forKey: windowStart) else { return false }
        body(&slots[condition].facets.values[index].windows.values[window])
        return true
    }

    /// The accumulator of one window, nil when the window has no record.
    public func accumulator(condition: Int, facet: String = noFacet, windowStart: Int64) -> Accumulator? {
        slots[condition].facets[facet]?.windows[windowStart]
    }

    /// The facet values kept for a condition, sorted.
    public func facets(condition: Int) -> [String] { slots[condition].facets.keys.sorted() }

    /// One facet value's windows, nil when it has no record.
    public func signal(condition: Int, facet: String = noFacet) -> Signal? { slots[condition].facets[facet] }

    /// Records dropped because their facet value was over the cap.
    public func droppedRecords(condition: Int) -> Int { slots[condition].droppedRecords }

    /// The series the backtest reads: `value` turns an accumulator into the window's aggregate
    /// (nil for none, e.g. an average of nothing).
    public func series(condition: Int, facet: String = noFacet, zeroWhenEmpty: Bool,
                       value: (Accumulator) -> Double?) -> WindowSeries {
        var values: [Int64: Double] = [:]
        for (start, accumulator) in slots[condition].facets[facet]?.windows ?? [:] {
            if let aggregate = value(accumulator) { values[start] = aggregate }
        }
        return WindowSeries(windowSeconds: slots[condition].windowSeconds, values: values, zeroWhenEmpty: zeroWhenEmpty)
    }

    /// Adds the store of another part of the input (another file); both must have the same
    /// conditions. Facet values of `other` that no longer fit under the cap are dropped (in
    /// sorted order) and their records counted.
    public mutating func merge(_ other: WindowAggregationStore<Accumulator>,
                               combining: (inout Accumulator, Accumulator) -> Void) {
        precondition(other.slots.count == slots.count, "stores of different condition lists")
        for condition in slots.indices {
            slots[condition].droppedRecords += other.slots[condition].droppedRecords
            // Sorted, so which facet values overflow does not depend on hashing.
            for facet in other.slots[condition].facets.keys.sorted() {
                absorb(condition: condition, facet: facet, signal: other.slots[condition].facets[facet]!, combining: combining)
            }
        }
    }

    /// A condition's facets in facet order, with their signals, and the records dropped past
    /// the facet limit: what a partial run writes down.
    package func exported(condition: Int) -> (facets: [(facet: String, signal: Signal)], dropped: Int) {
        (slots[condition].facets.keys.sorted().map { ($0, slots[condition].facets[$0]!) }, slots[condition].droppedRecords)
    }

    /// Takes in one facet's signal of another run (a partial run's), as ``merge(_:combining:)``
    /// takes in each of another store's.
    package mutating func absorb(condition: Int, facet: String, signal: Signal,
                                 combining: (inout Accumulator, Accumulator) -> Void) {
        if let index = slots[condition].facets.index(forKey: facet) {
            slots[condition].facets.values[index].records += signal.records
            for (start, accumulator) in signal.windows.sorted(by: { $0.key < $1.key }) {
                if let existing = slots[condition].facets.values[index].windows.index(forKey: start) {
                    combining(&slots[condition].facets.values[index].windows.values[existing], accumulator)
                } else {
                    slots[condition].facets.values[index].windows[start] = accumulator
                }
            }
        } else if slots[condition].facets.count < facetLimit {
            slots[condition].facets[facet] = signal
        } else {
            slots[condition].droppedRecords += signal.records
        }
    }

    package mutating func addDropped(condition: Int, _ records: Int) {
        slots[condition].droppedRecords += records
    }
}
