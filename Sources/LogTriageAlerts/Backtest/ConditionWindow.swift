import LogTriageModel

/// What one condition saw in one window of one facet value: its aggregate, and the clustered
/// records (errors, warnings, slow calls) among the records it counted, which the noise
/// judgement of an incident opening in this window reads.
///
/// A week of a faceted condition is tens of thousands of these, and the review merges them
/// again into each sliding window, so a window of a query that only counts (`count`,
/// `filter`, `percentage`: most conditions) keeps its two counts in place, as the tuner's
/// windows do (``CubeEvaluation/Window``): no accumulator, no heap object, about a third of
/// the memory a window took with them (1,000 faceted sliding conditions reached 9 MB each on
/// the sample week).
public struct ConditionWindow: Sendable {
    /// How the value is read from `records` and `counted` when the SELECT only counts; nil
    /// when `select` holds its aggregates.
    private let counting: NRQLAccumulator.Counting?
    /// Records added (they passed the query's WHERE), when the SELECT only counts.
    private var records = 0
    /// Of them, those the inner WHERE of `filter`/`percentage` passed.
    private var counted = 0
    /// The whole SELECT, for queries that do more than count.
    private var select: NRQLSelectAccumulator?
    /// Clustered records by `Category.allCases` index, stale-invoice failures excluded once
    /// their verdicts are in.
    private var clustered = CategoryTally()
    /// Whether a clustered record was ever added: a partial writes the tally down only then.
    private var tallied = false
    /// Stale-invoice failures among the clustered records.
    public private(set) var stale: Int32 = 0
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

    /// Records added (they passed the query's WHERE).
    public var recordCount: Int { counting != nil ? records : select?.recordCount ?? 0 }

    public init(_ select: NRQLExpression, windowSeconds: Int = 60) {
        if case let .aggregate(aggregate) = select, let counting = NRQLAccumulator.Counting(aggregate) {
            self.counting = counting
            self.select = nil
        } else {
            counting = nil
            self.select = NRQLSelectAccumulator(select, windowSeconds: windowSeconds)
        }
    }

    public init(_ aggregate: NRQLAggregate) {
        self.init(.aggregate(aggregate))
    }

    /// Adds one record that passed the query's WHERE; `time` (epoch ms) orders `latest()`
    /// and `earliest()`. A `filter` or `percentage` of records takes its records through
    /// ``add(passingInner:)``, its inner WHERE tested once by the caller.
    public mutating func add(_ record: some NRQLRecord, time: Int64? = nil) {
        switch counting {
        case .count?: records += 1
        case .filter?, .percentage?: preconditionFailure("filter() and percentage() of records count through add(passingInner:)")
        case nil: select?.add(record, time: time)
        }
    }

    /// Adds one record to a `SELECT` of `filter(count(*), …)` or `percentage(count(*), …)`,
    /// `passing` saying whether its inner WHERE passed.
    package mutating func add(passingInner passing: Bool) {
        if counting != nil {
            records += 1
            if passing { counted += 1 }
        } else {
            select?.add(passingInner: passing)
        }
    }

    /// The window's value, as the query reads it; `windowEnd` (epoch ms) is what
    /// `aggregationendtime()` reads.
    public func value(windowEnd: Int64? = nil) -> Double? {
        if let counting { return counting.value(records: records, matched: counted) }
        return select?.value(windowEnd: windowEnd)
    }

    /// Whether sliding windows of this query are best merged through a queue of partial merges
    /// (``SlidingWindowQueue``) than step by step: its aggregates keep values, so a merge costs
    /// what they hold, and merge the same in any grouping, so the queue's windows are the same.
    package var slidesThroughQueue: Bool {
        guard let select else { return false }
        let aggregates = select.select.aggregates
        return aggregates.allSatisfy(\.mergesInAnyGrouping) && aggregates.contains(where: \.keepsValues)
    }

    mutating func addClustered(_ category: Category) {
        tallied = true
        clustered[category.index] += 1
    }

    /// Moves one clustered record of `category` to the stale count.
    mutating func markStale(_ category: Category) {
        guard clustered[category.index] > 0 else { return }
        clustered[category.index] -= 1
        stale += 1
    }

    mutating func merge(_ other: ConditionWindow) {
        records += other.records
        counted += other.counted
        if let part = other.select { select?.merge(part) }
        firstRecord = Swift.min(firstRecord, other.firstRecord)
        lastRecord = Swift.max(lastRecord, other.lastRecord)
        firstFlowRecord = Swift.min(firstFlowRecord, other.firstFlowRecord)
        if other.tallied {
            tallied = true
            clustered.add(other.clustered)
        }
        stale += other.stale
    }

    /// The window's matched records as the noise judgement reads them.
    public var judgement: WindowJudgement {
        var byCategory: [Category: Int] = [:]
        for (index, category) in Category.allCases.enumerated() where clustered[index] > 0 {
            byCategory[category] = Int(clustered[index])
        }
        return WindowJudgement(byCategory: byCategory, stale: Int(stale))
    }
}

extension ConditionWindow: WindowStorageCost {
    /// One unit for a window that keeps two counts (the unit is its size); a window that keeps
    /// its SELECT's aggregates costs as many as its bytes and theirs take: about two for an
    /// average, about 64 for a `uniqueCount` or a percentile at 16 KB of values, up to about 340
    /// for a percentile's histograms past that.
    public var storageUnits: Int {
        guard let select else { return 1 }
        let unit = AlertTuning.replayWindowBytes
        return (unit + select.heapBytes + unit - 1) / unit
    }

    /// Only an aggregate that keeps values grows: an average's window was weighed before and
    /// after every record it took (with its attribute bound ahead, ``RecordViewNRQL``, the
    /// store's updates went from 170 to 113 million instructions on 120,000 records of the
    /// bench week with the sample's conditions).
    public var storageGrows: Bool { select?.keepsValues ?? false }
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
        let accumulator = select?.states ?? [NRQLAccumulator.State(counting: records, matched: counted)]
        return State(accumulator: accumulator, clustered: tallied ? clustered.array : [], stale: stale, firstRecord: firstRecord,
                     lastRecord: lastRecord, firstFlowRecord: firstFlowRecord)
    }

    package mutating func load(_ state: State) -> Bool {
        if counting != nil {
            guard state.accumulator.count == 1, let counts = state.accumulator[0].counts else { return false }
            (records, counted) = counts
        } else {
            guard select?.load(state.accumulator) == true else { return false }
        }
        if !state.clustered.isEmpty {
            guard let tally = CategoryTally(state.clustered) else { return false }
            clustered = tally
            tallied = true
        }
        stale = state.stale
        firstRecord = state.firstRecord
        lastRecord = state.lastRecord
        firstFlowRecord = state.firstFlowRecord
        return true
    }
}
