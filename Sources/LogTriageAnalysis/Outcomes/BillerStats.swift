import LogTriageBasics

/// Success, failure and latency per biller integration, streamed from ``RecordFacts``.
///
/// Only records with a `billerId` are biller calls; the rest are skipped. Memory grows with the
/// number of distinct (biller, source) pairs and days, never with records. Instances built over
/// separate files can be merged.
public struct BillerStats: Sendable, Codable {
    public private(set) var pairs: [BillerKey: BillerFigures] = [:]
    /// Where each pair's figures are, by the ids the run interned its biller and source as.
    private var positions = DictionaryPositions<BillerKey, BillerFigures>()

    private enum CodingKeys: String, CodingKey {
        case pairs
    }

    /// The pairs in the order of their keys, so that a partial holds the same bytes in every run.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(KeyOrderedPairs(pairs) { lhs, rhs in
            (lhs.billerId, lhs.sourceId == nil ? 0 : 1, lhs.sourceId ?? "") < (rhs.billerId, rhs.sourceId == nil ? 0 : 1, rhs.sourceId ?? "")
        }, forKey: .pairs)
    }

    public init() {}

    /// Counts one record if it is a biller call.
    public mutating func consume(_ facts: RecordFacts) {
        guard let billerId = facts.billerId else { return }
        pairs[BillerKey(billerId: billerId, sourceId: facts.sourceId), default: BillerFigures()]
            .add(facts.callOutcome, day: facts.day, durationMs: facts.durationMs)
    }

    /// The same, for a record whose biller and source the run interned as `billerId` and
    /// `sourceId` (``RecordNames``, -1 for none): a pair's names are hashed on its first record only.
    package mutating func consume(_ facts: RecordFacts, billerId: Int32, sourceId: Int32) {
        guard billerId >= 0 else { return }
        let pair = RecordNames.pair(billerId, sourceId)
        if let position = positions.position(of: pair, in: pairs) {
            pairs.values[position].add(facts.callOutcome, day: facts.day, durationMs: facts.durationMs)
            return
        }
        consume(facts)
        if let biller = facts.billerId { positions.note(pair, key: BillerKey(billerId: biller, sourceId: facts.sourceId), in: pairs) }
    }

    /// Moves one failure of the pair from recent to stale, on `day` too when given and that day
    /// still has a recent failure (the totals move either way).
    ///
    /// Staleness needs the whole run (an invoice is stale only once a later one exists), so the
    /// stale-invoice detector calls this after the last record. Returns false, changing nothing,
    /// when the pair is unknown or has no recent failure left.
    @discardableResult
    public mutating func markStale(billerId: String, sourceId: String?, day: Int?) -> Bool {
        let key = BillerKey(billerId: billerId, sourceId: sourceId)
        guard pairs[key] != nil else { return false }
        return pairs[key]!.markStale(day: day)
    }

    /// Moves the pair's stale failures in one step, `byDay` counting them per day (nil: without
    /// a time), the same as that many ``markStale(billerId:sourceId:day:)`` calls, when the
    /// pair's recent failures cover them all: then every call succeeds, and their order does not
    /// matter. Otherwise changes nothing and returns false, and the calls must be made in order.
    mutating func markStale(billerId: String, sourceId: String?, byDay: [Int?: Int]) -> Bool {
        let key = BillerKey(billerId: billerId, sourceId: sourceId)
        guard pairs[key] != nil else { return true }
        return pairs[key]!.markStale(byDay: byDay)
    }

    /// Adds the counts of `other`, built over other records.
    public mutating func merge(_ other: BillerStats) {
        for (key, figures) in other.pairs { pairs[key, default: BillerFigures()].merge(figures) }
    }

    /// The pairs in billers.csv order: highest recent-failure ratio first, then most records,
    /// then by biller and source so equal rows always come out the same.
    public func sortedPairs() -> [(key: BillerKey, figures: BillerFigures)] {
        pairs.map { (key: $0.key, figures: $0.value) }.sorted { lhs, rhs in
            // Compare the ratios exactly (cross-multiplied) so ties are not decided by rounding.
            let left = lhs.figures.recentFailures * rhs.figures.records
            let right = rhs.figures.recentFailures * lhs.figures.records
            if left != right { return left > right }
            if lhs.figures.records != rhs.figures.records { return lhs.figures.records > rhs.figures.records }
            if lhs.key.billerId != rhs.key.billerId { return lhs.key.billerId < rhs.key.billerId }
            return lhs.key.sourceText < rhs.key.sourceText
        }
    }

    /// All pairs added up per UTC day, for the report's daily series and alert backtests.
    public var dailyTotals: [Int: DailyOutcomes] {
        var totals: [Int: DailyOutcomes] = [:]
        for figures in pairs.values {
            for (day, outcomes) in figures.daily { totals[day, default: DailyOutcomes()].merge(outcomes) }
        }
        return totals
    }
}
