/// A step of the analysis that sees every record once, in read order, through its context.
///
/// A new figure is a new type conforming to this protocol, added to the run's list of stages;
/// nothing else changes. A stage that throws stops the read and fails the run.
package protocol RecordStage: AnyObject {
    /// Whether `consume` reads the record itself (``RecordContext/view``). Such a stage runs
    /// on the reading thread; the others may run on threads of their own, behind the read,
    /// and then see the context without its view. False unless a stage says otherwise.
    var readsRecordView: Bool { get }
    func consume(_ record: borrowing RecordContext) throws
    /// Called once after the last record, with the run's stale-invoice verdicts: the moment
    /// to move stale failures out of recent figures.
    func finish(stale: StaleVerdicts) throws
}

extension RecordStage {
    package var readsRecordView: Bool { false }
}
