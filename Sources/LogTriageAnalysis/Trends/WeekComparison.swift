/// This week's clusters labelled against the previous week's: `new`, `rising`, `falling`,
/// `steady` or `gone`.
///
/// Weeks can cover different lengths of time (an export cut short, a holiday), so when both
/// weeks' covered durations are known, last week's count is scaled to this week's duration
/// (`expectedCount`: the same rate per hour) before comparing; otherwise raw counts are
/// compared and `durationScale` is nil.
///
/// A change is sharp only when it is large both relatively and absolutely, so small
/// clusters do not flap between weeks (1 → 3 is three times more, but only two records):
/// - rising: `count ≥ factor × expected` and `count − expected ≥ minimumDifference`;
/// - falling: `count ≤ expected ÷ factor` and `expected − count ≥ minimumDifference`;
/// - otherwise steady. Defaults: factor 2, minimum difference 10 records.
public struct WeekComparison: Sendable {
    /// Every cluster with records in either week, in report order: new (most records first),
    /// rising (largest increase first), falling (largest decrease first), gone (most records
    /// last week first), steady (most records first); ties by id.
    public let clusters: [ClusterComparison]
    /// This week's covered time divided by last week's, or nil when counts were compared raw.
    public let durationScale: Double?
    /// How many times last week's rate a count must reach (or fall to one over) to be sharp.
    public let factor: Double
    /// Records a sharp change must differ by at least, after scaling to this week's duration.
    public let minimumDifference: Double

    /// - Parameters:
    ///   - current: records per cluster id this week; ids with 0 count as absent.
    ///   - currentDuration: the time this week's records cover (first to last record).
    public init(current: [String: Int], currentDuration: Duration?, baseline: BaselineCounts,
                factor: Double = 2, minimumDifference: Double = 10) {
        precondition(factor > 1, "the factor of a sharp change must be above 1")
        precondition(minimumDifference >= 0, "the minimum difference cannot be negative")
        precondition(current.values.allSatisfy { $0 >= 0 }, "cluster counts cannot be negative")
        self.factor = factor
        self.minimumDifference = minimumDifference
        let scale = Self.scale(current: currentDuration, baseline: baseline.coveredDuration)
        durationScale = scale

        var clusters: [ClusterComparison] = []
        for id in Set(current.keys).union(baseline.clusters.keys) {
            let count = current[id] ?? 0
            let previous = baseline.clusters[id]
            let baselineCount = previous?.count ?? 0
            guard count > 0 || baselineCount > 0 else { continue }
            let expected = Double(baselineCount) * (scale ?? 1)
            let change: ClusterChange
            if baselineCount == 0 {
                change = .new
            } else if count == 0 {
                change = .gone
            } else if Double(count) >= factor * expected, Double(count) - expected >= minimumDifference {
                change = .rising
            } else if Double(count) <= expected / factor, expected - Double(count) >= minimumDifference {
                change = .falling
            } else {
                change = .steady
            }
            clusters.append(ClusterComparison(id: id, change: change, count: count, baselineCount: baselineCount,
                                              expectedCount: expected, baseline: previous))
        }
        self.clusters = clusters.sorted(by: Self.reportOrder)
    }

    /// The clusters with one label, in report order.
    public func clusters(_ change: ClusterChange) -> [ClusterComparison] {
        clusters.filter { $0.change == change }
    }

    private static func scale(current: Duration?, baseline: Duration?) -> Double? {
        guard let current, let baseline, current > .zero, baseline > .zero else { return nil }
        return current / baseline
    }

    private static func reportOrder(_ a: ClusterComparison, _ b: ClusterComparison) -> Bool {
        if a.change != b.change { return a.change.reportOrder < b.change.reportOrder }
        let (keyA, keyB): (Double, Double)
        switch a.change {
        case .new, .steady: (keyA, keyB) = (Double(a.count), Double(b.count))
        case .rising: (keyA, keyB) = (a.difference, b.difference)
        case .falling: (keyA, keyB) = (-a.difference, -b.difference)
        case .gone: (keyA, keyB) = (Double(a.baselineCount), Double(b.baselineCount))
        }
        return keyA != keyB ? keyA > keyB : a.id < b.id
    }
}
