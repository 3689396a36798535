import LogTriageBasics
import LogTriageIngest
import LogTriageAnalysis

/// One clustered record of a partial run, from which the merge writes its row of the
/// assignments file once the clusters are final.
struct PartialAssignmentRow: Equatable {
    /// The input's index in the partial (problems first, as ``PartialRun/paths``).
    var file: Int
    var position: RecordPosition
    /// The record's cluster in the partial's own miner.
    var provisional: Int
    /// The record's ordinal when it is a failure in an invoice loop: the merged verdicts
    /// decide its `stale` column.
    var invoiceFailure: Int64?
}

/// Keeps every clustered record's placement in a partial run made with `--keep-assignments`,
/// on disk: a partial cannot write the assignments file itself, since cluster ids and stale
/// verdicts are known only when every part is merged.
final class PartialAssignmentStage: RecordStage {
    private let spool: TemporarySpool
    private(set) var count = 0

    init() throws {
        spool = try TemporarySpool(purpose: "partial-assignments")
    }

    func consume(_ record: borrowing RecordContext) throws {
        guard let placement = record.placement else { return }
        let (kind, number) = record.position.kindAndNumber
        spool.writer.write(Int64(record.file))
        spool.writer.write(kind)
        spool.writer.write(number)
        spool.writer.write(Int64(placement.provisional))
        spool.writer.write(record.invoiceFailure ?? -1)
        count += 1
        try spool.writer.endRow()
    }

    /// A partial run has no verdicts: the merge marks the stale rows.
    func finish(stale: StaleVerdicts) throws {}

    /// Every row, in read order.
    func forEachRow(_ body: (PartialAssignmentRow) throws -> Void) throws {
        let reader = try spool.reader()
        defer { reader.close() }
        while try reader.ensure(33) {
            let file = Int(reader.readInt64())
            guard let position = RecordPosition(kind: reader.readUInt8(), number: reader.readInt64()) else {
                throw SpoolError.spoolDamaged(path: spool.path)
            }
            let provisional = Int(reader.readInt64())
            let failure = reader.readInt64()
            try body(PartialAssignmentRow(file: file, position: position, provisional: provisional,
                                          invoiceFailure: failure < 0 ? nil : failure))
        }
    }
}
