import LogTriageBasics

/// One day of one biller pair (or any other grouping): enough to draw a daily failure series
/// and to backtest an alert rule against it without re-reading the logs.
public struct DailyOutcomes: Sendable, Equatable, Codable {
    public var records = 0
    public var failures = 0
    /// Failures later found stale (``BillerStats/markStale(billerId:sourceId:day:)``).
    public var staleFailures = 0

    public init(records: Int = 0, failures: Int = 0, staleFailures: Int = 0) {
        self.records = records
        self.failures = failures
        self.staleFailures = staleFailures
    }

    /// Failures not found stale: the ones that point at a live problem.
    public var recentFailures: Int { failures - staleFailures }

    /// One more record of the day, in one dictionary access from ``BillerFigures``.
    mutating func count(failed: Bool) {
        records += 1
        if failed { failures += 1 }
    }

    mutating func merge(_ other: DailyOutcomes) {
        records += other.records
        failures += other.failures
        staleFailures += other.staleFailures
    }
}

/// Read back from a partial: counts that no read could have made are a corrupted file, not a
/// negative "recent" figure in the report.
extension DailyOutcomes {
    private enum CodingKeys: String, CodingKey { case records, failures, staleFailures }

    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        let records = try values.decodeCount(forKey: .records)
        let failures = try values.decodeCount(forKey: .failures, atMost: records)
        self.init(records: records, failures: failures,
                  staleFailures: try values.decodeCount(forKey: .staleFailures, atMost: failures))
    }
}
