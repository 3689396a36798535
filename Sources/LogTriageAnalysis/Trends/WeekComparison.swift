/// This week's clusters labelled against the previous week's: `new`, `rising`, `falling`,
/// `steady` or `gone`.
///
/// A cluster's failures are weighed against the traffic of its service: when both weeks'
/// records of that service are known (``ServiceTraffic``), last week's count is scaled by the
/// service's traffic ratio (`expectedCount`: the same failures per call), so a week with three
/// times the calls and the same failure rate is steady, not rising. Where the traffic is not
/// known, weeks covering different lengths of time (an export cut short, a holiday) are
/// compared at the same rate per hour when both durations are known; otherwise raw counts are
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
    /// Records per service in both weeks, when known.
    public let traffic: ServiceTraffic?
    /// How many times last week's traffic (or a fraction of it) a service's must reach for the
    /// report to say its traffic changed.
    public static let trafficChangeFactor = 1.5

    /// - Parameters:
    ///   - current: records per cluster id this week; ids with 0 count as absent.
    ///   - currentDuration: the time this week's records cover (first to last record).
    ///   - currentServices: the service of each of this week's clusters; last week's come from
    ///     the baseline's rows.
    ///   - currentTraffic: records per service this week; with the baseline's records per
    ///     service, clusters are compared per call.
    public init(current: [String: Int], currentDuration: Duration?, baseline: BaselineCounts,
                currentServices: [String: String] = [:], currentTraffic: [String: Int] = [:],
                factor: Double = 2, minimumDifference: Double = 10) {
        precondition(factor > 1, "the factor of a sharp change must be above 1")
        precondition(minimumDifference >= 0, "the minimum difference cannot be negative")
        precondition(current.values.allSatisfy { $0 >= 0 }, "cluster counts cannot be negative")
        self.factor = factor
        self.minimumDifference = minimumDifference
        let scale = Self.scale(current: currentDuration, baseline: baseline.coveredDuration)
        durationScale = scale
        let traffic = currentTraffic.isEmpty || baseline.serviceTraffic.isEmpty
            ? nil : ServiceTraffic(current: currentTraffic, baseline: baseline.serviceTraffic)
        self.traffic = traffic

        var clusters: [ClusterComparison] = []
        for id in Set(current.keys).union(baseline.clusters.keys) {
            let count = current[id] ?? 0
            let previous = baseline.clusters[id]
            let baselineCount = previous?.count ?? 0
            guard count > 0 || baselineCount > 0 else { continue }
            let service = currentServices[id] ?? previous?.service
            let trafficRatio = service.flatMap { traffic?.ratio(of: $0) }
            let expected = Double(baselineCount) * (trafficRatio ?? scale ?? 1)
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
                                              expectedCount: expected, trafficRatio: trafficRatio, baseline: previous))
        }
        self.clusters = clusters.sorted(by: Self.reportOrder)
    }

    /// Services whose traffic changed by ``trafficChangeFactor`` or more either way; empty
    /// when the traffic of either week is unknown.
    public var trafficChanges: [TrafficChange] {
        traffic?.changes(factor: Self.trafficChangeFactor) ?? []
    }

    /// Clusters compared per call (their service's traffic known in both weeks).
    public var perCallComparisons: Int { clusters.filter { $0.trafficRatio != nil }.count }

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
