import Synchronization

/// A flag any thread may raise to ask the others to stop early.
///
/// The parts of a run read their files side by side; the first one that fails raises it, and
/// the others stop at their next record instead of reading their files to the end for a run
/// that has already failed. Read with a relaxed load, once per record: on x86 and ARM that is
/// a plain load, nothing the reading loop notices.
package final class StopSignal: Sendable {
    private let raised = Atomic<Bool>(false)

    package init() {}

    package func raise() { raised.store(true, ordering: .relaxed) }

    package var isRaised: Bool { raised.load(ordering: .relaxed) }
}
