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
    }

    /// A run that qualified: enough failures, nearly all in one cluster.
    struct Candidate: Sendable {
        let start: Int64
        let end: Int64
        let failures: Int
        let cluster: Int
        let clusterFailures: Int
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
    private var states: [Key: State] = [:]

    public init(minimumFailures: Int = 10, sameWayShare: Double = 0.95) {
        precondition(minimumFailures > 0 && sameWayShare > 0.5 && sameWayShare <= 1)
        self.minimumFailures = minimumFailures
        self.sameWayShare = sameWayShare
    }

    /// A successful call at `time`: ends the integration's run of failures.
    public mutating func success(service: String, billerId: String, time: Int64) {
        let key = Key(service: service, billerId: billerId)
        var state = states[key] ?? State()
        state.successHours[Self.hour(of: time), default: 0] += 1
        if let run = state.run {
            if time > run.end {
                close(run, ongoing: false, in: &state)
                state.run = nil
            } else if time >= run.start {
                state.run = nil  // a success inside the run: the calls did not all fail
            }
        }
        if state.lastSuccess.map({ time > $0 }) ?? true { state.lastSuccess = time }
        states[key] = state
    }

    /// A failed call at `time`, placed in provisional cluster `cluster` (nil: not clustered).
    public mutating func failure(service: String, billerId: String, time: Int64, cluster: Int?, status: Int?) {
        let key = Key(service: service, billerId: billerId)
        var state = states[key] ?? State()
        if let last = state.lastSuccess, time <= last {
            states[key] = state
            return  // before the latest success: not part of a run since it
        }
        var run = state.run ?? Run(start: time, end: time)
        run.start = min(run.start, time)
        run.end = max(run.end, time)
        run.failures += 1
        var failures = run.byCluster[cluster ?? -1] ?? ClusterFailures()
        failures.count += 1
        if let status, failures.statuses.count < 8 || failures.statuses[status] != nil {
            failures.statuses[status, default: 0] += 1
        }
        run.byCluster[cluster ?? -1] = failures
        state.run = run
        states[key] = state
    }

    private func close(_ run: Run, ongoing: Bool, in state: inout State) {
        guard run.failures >= minimumFailures,
              let (cluster, failures) = run.byCluster.max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) }),
              cluster >= 0, Double(failures.count) >= sameWayShare * Double(run.failures) else { return }
        let status = failures.statuses.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        let candidate = Candidate(start: run.start, end: run.end, failures: run.failures, cluster: cluster,
                                  clusterFailures: failures.count, status: status, ongoing: ongoing)
        if state.best.map({ candidate.failures > $0.failures }) ?? true { state.best = candidate }
    }

    /// The findings, once every record is in: each integration's largest qualifying run (one
    /// still open counts as ongoing), with the category its evidence points to.
    ///
    /// - Parameters:
    ///   - finalCluster: maps a provisional cluster to its final one (the miner merges some).
    ///   - evidence: for a final cluster, its id and current category.
    /// - Returns: findings with their final cluster's index, sorted by service, biller.
    func findings(finalCluster: (Int) -> Int, evidence: (Int) -> (id: String, category: Category))
        -> [(finding: EndpointFinding, cluster: Int, clusterFailures: Int)] {
        var closed = states
        for (key, state) in states {
            guard let run = state.run else { continue }
            var state = state
            close(run, ongoing: true, in: &state)
            closed[key] = state
        }
        var results: [(EndpointFinding, Int, Int)] = []
        for (key, state) in closed {
            guard let best = state.best else { continue }
            let cluster = finalCluster(best.cluster)
            let known = evidence(cluster)
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
            let finding = EndpointFinding(service: key.service, billerId: key.billerId, clusterID: known.id, category: category,
                                          status: best.status, started: best.start, lastFailure: best.end, ongoing: best.ongoing,
                                          failures: best.failures, otherBillersSucceeding: others, reclassified: false)
            results.append((finding, cluster, best.clusterFailures))
        }
        return results.sorted { ($0.0.service, $0.0.billerId) < ($1.0.service, $1.0.billerId) }
    }

    private static func hour(of time: Int64) -> Int64 {
        time >= 0 ? time / 3_600_000 : -((-time + 3_599_999) / 3_600_000)
    }
}
