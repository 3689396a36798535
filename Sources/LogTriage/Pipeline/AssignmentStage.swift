import LogTriageBasics
import LogTriageIngest
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
        try append(file: record.file, position: record.position, provisional: placement.provisional,
                   invoiceFailure: record.invoiceFailure)
    }

    /// Adds one clustered record's row: a record read, or a partial's row in the merge.
    func append(file: Int, position: RecordPosition, provisional: Int, invoiceFailure: Int64?) throws {
        let row = spool.rows
        try spool.append(file: file, position: position, cluster: provisional, stale: false)
        if let invoiceFailure { try followUps.append(invoiceFailure, Int64(row)) }
    }

    func finish(stale: StaleVerdicts) throws {
        try followUps.forEachStale(in: stale) { row in try spool.markStale(row: Int(row.values.0)) }
    }
}
