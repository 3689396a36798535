import LogTriageModel

/// What one condition saw in one window of one facet value: its aggregate, and the clustered
/// records (errors, warnings, slow calls) among the records it counted, which the noise
/// judgement of an incident opening in this window reads.
public struct ConditionWindow: Sendable {
    public var accumulator: NRQLSelectAccumulator
    /// Clustered records by `Category.allCases` index, stale-invoice failures excluded once
    /// their verdicts are in; empty until the first one.
    public var clustered: [Int32] = []
    /// Stale-invoice failures among the clustered records.
    public var stale: Int32 = 0
    /// Earliest and latest time of the records added (epoch ms): when New Relic's
    /// aggregation methods evaluate the window depends on them.
    public var firstRecord: Int64 = .max
    public var lastRecord: Int64 = .min
    /// The first record at or after the window's start plus the condition's delay, reduced
    /// to the step (epoch ms; `.max` when none): event flow closes an earlier window when a
    /// record at or after its end plus the delay arrives, and that instant always falls at
    /// this offset into some window, so this is the record that closes it.
    public var firstFlowRecord: Int64 = .max

    mutating func noteTime(_ time: Int64, flowFrom mark: Int64 = .max) {
        firstRecord = Swift.min(firstRecord, time)
        lastRecord = Swift.max(lastRecord, time)
        if time >= mark { firstFlowRecord = Swift.min(firstFlowRecord, time) }
    }

    public init(_ select: NRQLExpression, windowSeconds: Int = 60) {
        accumulator = NRQLSelectAccumulator(select, windowSeconds: windowSeconds)
    }

    public init(_ aggregate: NRQLAggregate) {
        self.init(.aggregate(aggregate))
    }

    mutating func addClustered(_ category: Category) {
        if clustered.isEmpty { clustered = Array(repeating: 0, count: Category.allCases.count) }
        clustered[category.index] += 1
    }

    /// Moves one clustered record of `category` to the stale count.
    mutating func markStale(_ category: Category) {
        guard !clustered.isEmpty, clustered[category.index] > 0 else { return }
        clustered[category.index] -= 1
        stale += 1
    }

    mutating func merge(_ other: ConditionWindow) {
        accumulator.merge(other.accumulator)
        firstRecord = Swift.min(firstRecord, other.firstRecord)
        lastRecord = Swift.max(lastRecord, other.lastRecord)
        firstFlowRecord = Swift.min(firstFlowRecord, other.firstFlowRecord)
        if !other.clustered.isEmpty {
            if clustered.isEmpty { clustered = other.clustered } else {
                for index in clustered.indices { clustered[index] += other.clustered[index] }
            }
        }
        stale += other.stale
    }

    /// The window's matched records as the noise judgement reads them.
    public var judgement: WindowJudgement {
        var byCategory: [Category: Int] = [:]
        for (index, count) in clustered.enumerated() where count > 0 { byCategory[Category.allCases[index]] = Int(count) }
        return WindowJudgement(byCategory: byCategory, stale: Int(stale))
    }
}

extension Category {
    /// Position in `allCases`, for compact per-category tallies.
    var index: Int {
        switch self {
        case .transient: 0
        case .endpointAuth: 1
        case .endpointMoved: 2
        case .deserialization: 3
        case .validation: 4
        case .rateLimited: 5
        case .resource: 6
        case .slow: 7
        case .other: 8
        }
    }
}

extension ConditionWindow {
    /// A window as a partial run writes it down; loaded into a window made from the same
    /// condition's select.
    package struct State: Codable, Sendable {
        var accumulator: [NRQLAccumulator.State]
        var clustered: [Int32]
        var stale: Int32
        var firstRecord: Int64
        var lastRecord: Int64
        var firstFlowRecord: Int64
    }

    package var state: State {
        State(accumulator: accumulator.states, clustered: clustered, stale: stale, firstRecord: firstRecord,
              lastRecord: lastRecord, firstFlowRecord: firstFlowRecord)
    }

    package mutating func load(_ state: State) -> Bool {
        guard accumulator.load(state.accumulator), state.clustered.isEmpty || state.clustered.count == Category.allCases.count
        else { return false }
        clustered = state.clustered
        stale = state.stale
        firstRecord = state.firstRecord
        lastRecord = state.lastRecord
        firstFlowRecord = state.firstFlowRecord
        return true
    }
}
