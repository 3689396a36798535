/// Finds biller integrations whose every call fails the same way for a stretch of time while
/// the service's other billers succeed (``EndpointFinding``): evidence about the endpoint that no
/// single message carries, since each failure alone reads like bad data (`404` for one invoice).
///
/// Fed one call at a time: a record with a `billerId` that states its outcome (an `outcome`
/// field or an HTTP status), or an error record. Per (service, biller) it keeps the current run
/// of failures since the last success, with its failures per cluster, and the largest run that
/// qualified; per (service, biller) and hour, the successes. Memory is bounded by billers ×
/// clusters and billers × hours, never by records. Records of one integration are expected in
/// roughly time order, as exports write them; out-of-order records can only break a run (hide
/// a finding), never make one.
public struct EndpointEvidence: Sendable {
    struct Key: Hashable, Sendable {
        let service: String
        let billerId: String
    }

    /// Failures since the integration's last success.
    struct Run: Sendable {
        var start: Int64
        var end: Int64
        var failures = 0
        /// Failures per provisional cluster (-1: a failure no cluster holds), with their statuses.
        var byCluster: [Int: ClusterFailures] = [:]
    }

    struct ClusterFailures: Sendable {
        var count = 0
        var statuses: [Int: Int] = [:]
        /// The category its records were placed in: failures of one category fail "the same
        /// way" even when they fall in several clusters (a GET and a POST to the same host).
        var category: Category?
    }

    /// A run that qualified: enough failures, nearly all of one category; its clusters of
    /// that category with their failures, most first.
    struct Candidate: Sendable {
        let start: Int64
        let end: Int64
        let failures: Int
        let clusters: [(cluster: Int, failures: Int)]
        let status: Int?
        let ongoing: Bool
    }

    struct State: Sendable {
        var lastSuccess: Int64?
        var run: Run?
        var best: Candidate?
        /// Successes per hour since 1970.
        var successHours: [Int64: Int] = [:]
    }

    /// Failures a run needs before it says anything about the endpoint.
    public let minimumFailures: Int
    /// Share of a run's failures that must fall in one cluster ("the same way").
    public let sameWayShare: Double
    /// One state per integration, mutated in place (a copy out of a dictionary would copy its
    /// per-hour table on every record).
    private var states: [State] = []
    private var keys: [Key] = []
    private var index: [Key: Int] = [:]

    public init(minimumFailures: Int = 10, sameWayShare: Double = 0.95) {
        precondition(minimumFailures > 0 && sameWayShare > 0.5 && sameWayShare <= 1)
        self.minimumFailures = minimumFailures
        self.sameWayShare = sameWayShare
    }

    /// The position of an integration's state, created on first sight.
    public mutating func integration(service: String, billerId: String) -> Int {
        let key = Key(service: service, billerId: billerId)
        if let position = index[key] { return position }
        index[key] = states.count
        keys.append(key)
        states.append(State())
        return states.count - 1
    }

    /// A successful call at `time`: ends the integration's run of failures.
    public mutating func success(service: String, billerId: String, time: Int64) {
        success(integration: integration(service: service, billerId: billerId), time: time)
    }

    /// The same, for an integration's position from ``integration(service:billerId:)``.
    public mutating func success(integration position: Int, time: Int64) {
        states[position].successHours[Self.hour(of: time), default: 0] += 1
        if let run = states[position].run {
            if time > run.end {
                close(run, ongoing: false, in: &states[position])
                states[position].run = nil
            } else if time >= run.start {
                states[position].run = nil  // a success inside the run: the calls did not all fail
            }
        }
        if states[position].lastSuccess.map({ time > $0 }) ?? true { states[position].lastSuccess = time }
    }

    /// A failed call at `time`, placed in provisional cluster `cluster` (nil: not clustered).
    public mutating func failure(service: String, billerId: String, time: Int64, cluster: Int?, category: Category? = nil,
                                 status: Int?) {
        failure(integration: integration(service: service, billerId: billerId), time: time, cluster: cluster,
                category: category, status: status)
    }

    /// The same, for an integration's position from ``integration(service:billerId:)``.
    public mutating func failure(integration position: Int, time: Int64, cluster: Int?, category: Category? = nil, status: Int?) {
        if let last = states[position].lastSuccess, time <= last { return }  // before the latest success
        if states[position].run == nil { states[position].run = Run(start: time, end: time) }
        states[position].run!.start = min(states[position].run!.start, time)
        states[position].run!.end = max(states[position].run!.end, time)
        states[position].run!.failures += 1
        states[position].run!.byCluster[cluster ?? -1, default: ClusterFailures(category: cluster == nil ? nil : category)].count += 1
        if let status {
            let statuses = states[position].run!.byCluster[cluster ?? -1]!.statuses
            if statuses.count < 8 || statuses[status] != nil {
                states[position].run!.byCluster[cluster ?? -1]!.statuses[status, default: 0] += 1
            }
        }
    }

    private func close(_ run: Run, ongoing: Bool, in state: inout State) {
        guard run.failures >= minimumFailures else { return }
        var byCategory: [Category: Int] = [:]
        for failures in run.byCluster.values { if let category = failures.category { byCategory[category, default: 0] += failures.count } }
        guard let (way, count) = byCategory.max(by: { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }),
              Double(count) >= sameWayShare * Double(run.failures) else { return }
        let clusters = run.byCluster.filter { $0.key >= 0 && $0.value.category == way }
        var statuses: [Int: Int] = [:]
        for failures in clusters.values { statuses.merge(failures.statuses, uniquingKeysWith: +) }
        let status = statuses.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        let candidate = Candidate(
            start: run.start, end: run.end, failures: run.failures,
            clusters: clusters.map { ($0.key, $0.value.count) }.sorted { ($0.failures, $1.cluster) > ($1.failures, $0.cluster) },
            status: status, ongoing: ongoing)
        if state.best.map({ candidate.failures > $0.failures }) ?? true { state.best = candidate }
    }

    /// The findings, once every record is in: each integration's largest qualifying run (one
    /// still open counts as ongoing), with the category its evidence points to.
    ///
    /// - Parameters:
    ///   - finalCluster: maps a provisional cluster to its final one (the miner merges some).
    ///   - evidence: for a final cluster, its id and current category.
    /// - Returns: findings with their final clusters' indexes and failures (most first),
    ///   sorted by service, biller.
    func findings(finalCluster: (Int) -> Int, evidence: (Int) -> (id: String, category: Category))
        -> [(finding: EndpointFinding, clusters: [(cluster: Int, failures: Int)])] {
        var closed: [Key: State] = [:]
        for (position, state) in states.enumerated() {
            var state = state
            if let run = state.run { close(run, ongoing: true, in: &state) }
            closed[keys[position]] = state
        }
        var results: [(EndpointFinding, [(cluster: Int, failures: Int)])] = []
        for (key, state) in closed {
            guard let best = state.best else { continue }
            var merged: [Int: Int] = [:]
            for entry in best.clusters { merged[finalCluster(entry.cluster), default: 0] += entry.failures }
            let clusters = merged.map { (cluster: $0.key, failures: $0.value) }
                .sorted { ($0.failures, $1.cluster) > ($1.failures, $0.cluster) }
            guard let main = clusters.first else { continue }
            let known = evidence(main.cluster)
            let category: Category
            switch best.status {
            case 404, 410: category = .endpointMoved
            case 401, 403: category = .endpointAuth
            default:
                guard known.category == .endpointMoved || known.category == .endpointAuth else { continue }
                category = known.category
            }
            // Succeeded during the stretch: after its start when it lasts to the end of the run;
            // for one that ended, in an hour after the one it started in, up to its last hour.
            let hours = (Self.hour(of: best.start) + 1)...max(Self.hour(of: best.start) + 1, Self.hour(of: best.end))
            let others = closed.filter { other in
                guard other.key.service == key.service, other.key.billerId != key.billerId else { return false }
                if best.ongoing { return other.value.lastSuccess.map { $0 > best.start } ?? false }
                return other.value.successHours.keys.contains { hours.contains($0) }
            }.count
            guard others > 0 else { continue }
            let finding = EndpointFinding(service: key.service, billerId: key.billerId,
                                          clusterIDs: clusters.map { evidence($0.cluster).id }, category: category,
                                          status: best.status, started: best.start, lastFailure: best.end, ongoing: best.ongoing,
                                          failures: best.failures, otherBillersSucceeding: others, reclassified: false)
            results.append((finding, clusters))
        }
        return results.sorted { ($0.0.service, $0.0.billerId) < ($1.0.service, $1.0.billerId) }
    }

    private static func hour(of time: Int64) -> Int64 {
        time >= 0 ? time / 3_600_000 : -((-time + 3_599_999) / 3_600_000)
    }
}
