import LogTriageIngest

/// A step of the analysis that sees every record once, in read order, through its context.
///
/// A new figure is a new type conforming to this protocol, added to the run's list of stages;
/// nothing else changes. A stage that throws stops the read and fails the run.
package protocol RecordStage: AnyObject {
    /// Whether the stage reads the record itself, not only its context: such a stage is handed
    /// the record through ``consume(_:view:)``, the reader's view on the reading thread and
    /// behind the read a copy of the record shown again (``RecordReplay``). False unless a
    /// stage says otherwise.
    var readsRecordView: Bool { get }
    /// The slots of the run's schema a stage that reads the record reads: behind the read only
    /// they are copied for it. Nil (the default) for every slot.
    var recordSlots: Set<Int>? { get }
    func consume(_ record: borrowing RecordContext) throws
    /// ``consume(_:)`` with the record as a view beside its context, valid during the call
    /// only: how a stage that reads the record is always called.
    func consume(_ record: borrowing RecordContext, view: RecordView) throws
    /// Called once after the last record, with the run's stale-invoice verdicts: the moment
    /// to move stale failures out of recent figures.
    func finish(stale: StaleVerdicts) throws
    /// How many parts ``finish(stale:part:)`` splits ``finish(stale:)`` into: parts that touch
    /// none of each other's state, so that a run finishes them side by side. 1 (the default)
    /// for a stage whose finish is one piece.
    var finishParts: Int { get }
    /// Part `part` (0 ..< ``finishParts``) of ``finish(stale:)``; every part is called once.
    func finish(stale: StaleVerdicts, part: Int) throws
}

extension RecordStage {
    package var readsRecordView: Bool { false }

    package var recordSlots: Set<Int>? { nil }

    package var finishParts: Int { 1 }

    package func finish(stale: StaleVerdicts, part _: Int) throws {
        try finish(stale: stale)
    }

    package func consume(_ record: borrowing RecordContext, view _: RecordView) throws {
        try consume(record)
    }
}
