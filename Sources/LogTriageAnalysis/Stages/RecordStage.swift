/// A step of the analysis that sees every record once, in read order, through its context.
///
/// A new figure is a new type conforming to this protocol, added to the run's list of stages;
/// nothing else changes. A stage that throws stops the read at once and fails the run.
package protocol RecordStage: AnyObject {
    func consume(_ record: borrowing RecordContext) throws
    /// Called once after the last record, with the run's stale-invoice verdicts: the moment
    /// to move stale failures out of recent figures.
    func finish(stale: StaleVerdicts) throws
}
