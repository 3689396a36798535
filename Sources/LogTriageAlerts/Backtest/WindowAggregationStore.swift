import LogTriageModel

/// Per-window aggregates of every condition and facet value, filled record by record as the
/// pipeline streams, keyed by (condition index, facet value, window start).
///
/// Memory is bounded by windows × facet values per condition: a week of 60 s windows is
/// 10,080 windows, and facet values per condition are capped at ``facetLimit`` (New Relic's
/// 5,000). Facet values beyond the cap are not kept, first come first kept; the records they
/// would have added are counted (``droppedRecords(condition:)``) so the report can say the
/// condition would fail in New Relic, where exceeding the cap fails the condition.
/// The accumulator is the caller's: a count, a sum and count for `average`, and so on.
///
/// Memory across conditions is bounded too, by ``storageBudget``: each window kept costs its
/// ``WindowStorageCost/storageUnits`` (one for a window that only counts, more for one that
/// holds values, weighed again as it grows), each facet value two (its signal and text) and
/// two more per unit of bytes of a long text. A week of one faceted condition is tens
/// of thousands of windows (about 7 MB on the sample week), so a file of a thousand such
/// conditions would need gigabytes (it stopped a run at a 3 GB limit). When a new window or
/// facet value takes the store over its budget, the conditions listed last are let go, with
/// all they hold, until it fits again: a condition is kept exactly when the conditions up to it fit together over the
/// whole input, whatever order the records come in (each condition's windows only grow, so
/// the last-listed are always the first to go). A let-go condition takes no more records and
/// is not replayed (``isOverBudget(condition:)``).
public struct WindowAggregationStore<Accumulator: WindowStorageCost>: Sendable {
    /// New Relic's limit of facet values per condition.
    public static var defaultFacetLimit: Int { 5_000 }
    /// Units of storage (windows, facet values at two) the store keeps at most by default
    /// (``AlertTuning/replayWindowBudget``).
    public static var defaultStorageBudget: Int { AlertTuning().replayWindowBudget }
    /// Storage units of a facet value: its signal's dictionary and its text, and two more for
    /// each unit of bytes of a long text (`FACET message` keeps whole messages): the text, and
    /// its bytes in the alert stage's table of the condition's facet values.
    static func facetUnits(_ facet: String) -> Int { 2 + 2 * facet.utf8.count / AlertTuning.replayWindowBytes }
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
        /// Storage units its facet values and windows take.
        var units = 0
        /// Where the last record went: records come in bursts of one facet value and window.
        /// Found by two hashed lookups a record, the update took a quarter of the alert stage's
        /// instructions (callgrind, 120,000 records of the bench week); with this, a fifth.
        var recent: RecentWindow?
    }

    /// A facet value and window start with their places in the slot's dictionaries. The places
    /// stay valid while neither dictionary gains or loses a key (a value changed in place, or
    /// a copy of the dictionary, keeps them): whatever inserts or removes a key renews or
    /// clears it.
    private struct RecentWindow: Sendable {
        var facet: String
        var facetIndex: Dictionary<String, Signal>.Index
        var start: Int64
        var window: Dictionary<Int64, Accumulator>.Index
    }

    public let facetLimit: Int
    public let storageBudget: Int
    private var slots: [Slot]
    /// Storage units of every condition kept.
    public private(set) var storedUnits = 0
    /// The first condition let go over the budget, with every one after it (the condition
    /// count while all are kept).
    private var firstOverBudget: Int

    /// A store for conditions with these windows, in condition order.
    public init(windowSeconds: [Int], facetLimit: Int = defaultFacetLimit, storageBudget: Int = defaultStorageBudget) {
        precondition(windowSeconds.allSatisfy { $0 > 0 }, "windows must be positive")
        precondition(storageBudget > 0, "a storage budget must be positive")
        self.facetLimit = facetLimit
        self.storageBudget = storageBudget
        slots = windowSeconds.map { Slot(windowSeconds: $0) }
        firstOverBudget = slots.count
    }

    /// Whether the condition was let go because the conditions listed before it, with it,
    /// needed more than ``storageBudget``: it holds nothing and is not replayed.
    public func isOverBudget(condition: Int) -> Bool { condition >= firstOverBudget }

    /// Conditions kept: those listed before the first one let go.
    package var conditionsKept: Int { firstOverBudget }

    /// Lets go of `condition` and every condition after it (a partial run let go of it).
    package mutating func letGo(from condition: Int) {
        while firstOverBudget > condition { letGoOfLast() }
    }

    /// Counts `units` more for `condition`, then lets go of the last conditions while the store
    /// is over its budget; false when `condition` itself was let go.
    private mutating func charge(_ units: Int, condition: Int) -> Bool {
        slots[condition].units += units
        storedUnits += units
        while storedUnits > storageBudget && firstOverBudget > 0 { letGoOfLast() }
        return condition < firstOverBudget
    }

    private mutating func letGoOfLast() {
        firstOverBudget -= 1
        storedUnits -= slots[firstOverBudget].units
        slots[firstOverBudget].units = 0
        slots[firstOverBudget].facets = [:]
        slots[firstOverBudget].recent = nil
        slots[firstOverBudget].droppedRecords = 0
    }

    public var conditionCount: Int { slots.count }

    public func windowSeconds(condition: Int) -> Int { slots[condition].windowSeconds }

    /// Adds one record at `timestamp` (epoch ms) to the accumulator of its window, creating it
    /// with `initial` first; returns false when the facet value is over the cap and dropped.
    @discardableResult
    public mutating func update(condition: Int, facet: String = noFacet, timestamp: Int64,
                                initial: @autoclosure () -> Accumulator,
                                _ body: (inout Accumulator) -> Void) -> Bool {
        guard condition < firstOverBudget else { return false }
        let start = WindowSeries.windowStart(ofMilliseconds: timestamp, windowSeconds: slots[condition].windowSeconds)
        if let recent = slots[condition].recent, recent.start == start, recent.facet == facet {
            slots[condition].facets.values[recent.facetIndex].records += 1
            return add(to: recent.window, of: recent.facetIndex, condition: condition, body)
        }
        let index: Dictionary<String, Signal>.Index
        if let found = slots[condition].facets.index(forKey: facet) {
            index = found
        } else {
            guard slots[condition].facets.count < facetLimit else {
                slots[condition].droppedRecords += 1
                return false
            }
            guard charge(Self.facetUnits(facet), condition: condition) else { return false }
            slots[condition].facets[facet] = Signal()
            slots[condition].recent = nil
            index = slots[condition].facets.index(forKey: facet)!
        }
        // One lookup for a record in a window the facet value has (most records).
        if let window = slots[condition].facets.values[index].windows.index(forKey: start) {
            slots[condition].facets.values[index].records += 1
            slots[condition].recent = RecentWindow(facet: facet, facetIndex: index, start: start, window: window)
            return add(to: window, of: index, condition: condition, body)
        }
        var accumulator = initial()
        body(&accumulator)
        // Letting go of later conditions leaves this one's dictionaries, and `index`, as they were.
        guard charge(accumulator.storageUnits, condition: condition) else { return false }
        slots[condition].facets.values[index].records += 1
        slots[condition].facets.values[index].windows[start] = accumulator
        slots[condition].recent = slots[condition].facets.values[index].windows.index(forKey: start).map {
            RecentWindow(facet: facet, facetIndex: index, start: start, window: $0)
        }
        return true
    }

    /// Adds a record to an existing window, weighing it again when its storage can grow; false
    /// when that growth let the condition go.
    private mutating func add(to window: Dictionary<Int64, Accumulator>.Index, of facet: Dictionary<String, Signal>.Index,
                              condition: Int, _ body: (inout Accumulator) -> Void) -> Bool {
        let grown = Self.adding(to: &slots[condition].facets.values[facet].windows.values[window], body)
        return grown == 0 || charge(grown, condition: condition)
    }

    /// Runs `body` on the accumulator in place (reading it through a getter would copy it and
    /// retain what it holds) and returns the storage units it grew by.
    private static func adding(to accumulator: inout Accumulator, _ body: (inout Accumulator) -> Void) -> Int {
        guard accumulator.storageGrows else {
            body(&accumulator)
            return 0
        }
        let before = accumulator.storageUnits
        body(&accumulator)
        return accumulator.storageUnits - before
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
        // What the other part let go of, it no longer holds all of.
        letGo(from: other.firstOverBudget)
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
        guard condition < firstOverBudget else { return }
        slots[condition].recent = nil
        if let index = slots[condition].facets.index(forKey: facet) {
            slots[condition].facets.values[index].records += signal.records
            var added = 0
            for (start, accumulator) in signal.windows.sorted(by: { $0.key < $1.key }) {
                if let existing = slots[condition].facets.values[index].windows.index(forKey: start) {
                    let before = slots[condition].facets.values[index].windows.values[existing].storageUnits
                    combining(&slots[condition].facets.values[index].windows.values[existing], accumulator)
                    added += slots[condition].facets.values[index].windows.values[existing].storageUnits - before
                } else {
                    slots[condition].facets.values[index].windows[start] = accumulator
                    added += accumulator.storageUnits
                }
            }
            _ = charge(added, condition: condition)
        } else if slots[condition].facets.count < facetLimit {
            slots[condition].facets[facet] = signal
            _ = charge(Self.facetUnits(facet) + signal.windows.values.reduce(0) { $0 + $1.storageUnits }, condition: condition)
        } else {
            slots[condition].droppedRecords += signal.records
        }
    }

    package mutating func addDropped(condition: Int, _ records: Int) {
        guard condition < firstOverBudget else { return }
        slots[condition].droppedRecords += records
    }
}
