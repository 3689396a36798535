/// What a window costs the replay's memory budget (``WindowAggregationStore/storageBudget``),
/// in units of the window of a query that only counts (``AlertTuning/replayWindowBytes``).
///
/// The store keeps a condition exactly when it and the conditions listed before it fit the
/// budget over the whole input, whatever order the records come in. That holds because a
/// condition's units only grow: a window's cost must be a function of what it took in alone,
/// not of the order, and never less after another record or a merge.
public protocol WindowStorageCost: Sendable {
    /// Units the window holds now, at least one.
    var storageUnits: Int { get }
    /// Whether ``storageUnits`` can change once the window is made: when false, the store does
    /// not weigh the window again as records arrive.
    var storageGrows: Bool { get }
}

extension WindowStorageCost {
    public var storageUnits: Int { 1 }
    public var storageGrows: Bool { false }
}
