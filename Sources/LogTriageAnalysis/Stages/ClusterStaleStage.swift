import LogTriageBasics

/// How many of each provisional cluster's failures the verdicts judged stale, for the
/// clusters' `stale` figures.
package final class ClusterStaleStage: RecordStage {
    package private(set) var staleByProvisional: [Int: Int] = [:]
    private let followUps: StaleFollowUps

    package init() throws {
        followUps = try StaleFollowUps(purpose: "stale-clusters")
    }

    package func consume(_ record: borrowing RecordContext) throws {
        guard let placement = record.placement, let failure = record.invoiceFailure else { return }
        try followUps.append(failure, Int64(placement.provisional))
    }

    /// Each invoice failure's reference and provisional cluster, in read order (for a partial).
    package func forEachRow(_ body: (_ reference: Int64, _ provisional: Int) throws -> Void) throws {
        try followUps.forEach { try body($0.reference, Int($0.values.0)) }
    }

    /// Takes in another run's row (a partial run's, renumbered); rows come in reference order.
    package func append(reference: Int64, provisional: Int) throws {
        try followUps.append(reference, Int64(provisional))
    }

    package func finish(stale: StaleVerdicts) throws {
        try followUps.forEachStale(in: stale) { row in
            staleByProvisional[Int(row.values.0), default: 0] += 1
        }
    }
}
