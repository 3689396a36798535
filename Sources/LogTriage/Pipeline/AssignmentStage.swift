import LogTriageBasics
import LogTriageAnalysis
import LogTriageReports

/// Keeps every clustered record's placement for the assignments file, and sets the `stale`
/// column of the failures the verdicts judged stale.
final class AssignmentStage: RecordStage {
    let spool: AssignmentSpool
    /// Per invoice failure: its row in the spool.
    private let followUps: StaleFollowUps

    init(spool: AssignmentSpool) throws {
        self.spool = spool
        followUps = try StaleFollowUps(purpose: "stale-assignments")
    }

    func consume(_ record: borrowing RecordContext) throws {
        guard let placement = record.placement else { return }
        let row = spool.rows
        try spool.append(file: record.file, position: record.position, cluster: placement.provisional, stale: false)
        if let failure = record.invoiceFailure { try followUps.append(failure, Int64(row)) }
    }

    func finish(stale: StaleVerdicts) throws {
        try followUps.forEachStale(in: stale) { row in try spool.markStale(row: Int(row.values.0)) }
    }
}
