import LogTriageBasics

/// Everything billers.csv and the daily report know about one (biller, source) pair.
public struct BillerFigures: Sendable, Codable {
    public internal(set) var records = 0
    public internal(set) var successes = 0
    public internal(set) var failures = 0
    /// Failures explained by a stale invoice; decided at the end of a run, so this only grows
    /// through ``BillerStats/markStale(billerId:sourceId:day:)`` and never exceeds ``failures``.
    public internal(set) var staleFailures = 0
    public internal(set) var latency = LatencyHistogram()
    /// Per UTC day (days since 1970-01-01); records without a time count only in the totals.
    public internal(set) var daily: [Int: DailyOutcomes] = [:]

    public init() {}

    /// Failures not explained by stale data.
    public var recentFailures: Int { failures - staleFailures }
    public var failureRatio: Double { records == 0 ? 0 : Double(failures) / Double(records) }
    public var recentFailureRatio: Double { records == 0 ? 0 : Double(recentFailures) / Double(records) }

    mutating func add(_ outcome: CallOutcome, day: Int?, durationMs: Double?) {
        records += 1
        let failed = outcome == .failure
        if failed { failures += 1 } else { successes += 1 }
        if let day {
            daily[day, default: DailyOutcomes()].count(failed: failed)
        }
        if let durationMs { latency.record(milliseconds: durationMs) }
    }

    /// Moves one recent failure to stale; false when none is left to move.
    mutating func markStale(day: Int?) -> Bool {
        guard recentFailures > 0 else { return false }
        staleFailures += 1
        if let day, let figures = daily[day], figures.recentFailures > 0 {
            daily[day]?.staleFailures += 1
        }
        return true
    }

    /// `byDay`'s failures moved at once (``BillerStats/markStale(billerId:sourceId:byDay:)``);
    /// false, changing nothing, when fewer recent failures are left.
    mutating func markStale(byDay: [Int?: Int]) -> Bool {
        let total = byDay.values.reduce(0, +)
        guard total <= recentFailures else { return false }
        staleFailures += total
        for case let (day?, count) in byDay {
            guard let figures = daily[day] else { continue }
            daily[day]!.staleFailures += min(count, figures.recentFailures)
        }
        return true
    }

    mutating func merge(_ other: BillerFigures) {
        records += other.records
        successes += other.successes
        failures += other.failures
        staleFailures += other.staleFailures
        latency.merge(other.latency)
        for (day, figures) in other.daily { daily[day, default: DailyOutcomes()].merge(figures) }
    }
}

/// Read back from a partial: counts that do not add up, as a read makes them, are a corrupted
/// file, not a negative "recent" figure in the report.
extension BillerFigures {
    private enum CodingKeys: String, CodingKey { case records, successes, failures, staleFailures, latency, daily }

    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        records = try values.decodeCount(forKey: .records)
        successes = try values.decodeCount(forKey: .successes, atMost: records)
        failures = try values.decodeCount(forKey: .failures, atMost: records - successes)
        staleFailures = try values.decodeCount(forKey: .staleFailures, atMost: failures)
        latency = try values.decode(LatencyHistogram.self, forKey: .latency)
        daily = try values.decode([Int: DailyOutcomes].self, forKey: .daily)
    }
}
