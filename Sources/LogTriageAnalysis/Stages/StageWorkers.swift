import Foundation
import LogTriageBasics
import LogTriageIngest

/// Runs a run's stages behind the read, on threads of their own, or on the reading thread
/// when the run has one job.
///
/// Every stage still sees every context once and in read order, whichever thread it runs
/// on, so its figures — and every report made from them — are the same for any number of
/// threads. Contexts travel to the workers in batches, without their view; a worker whose
/// stages read the record (alert conditions) also gets the batch's records copied
/// (``RecordCopies``) and hands each, shown again as a view (``RecordReplay``), to those
/// stages beside its context (``RecordStage/consume(_:view:)``). A bounded queue per
/// worker, of batches bounded in records and in copied bytes, keeps memory flat when a
/// worker falls behind. A stage that throws on a worker stops the read at the reading thread's
/// next hand-over, and the run fails with its error; the batches already queued behind the
/// failing one (``queueDepth`` at most) are dropped unread by the stages.
package final class StageWorkers {
    /// Contexts handed to the workers at once: large enough that the handover costs little
    /// per record, small enough that an error stops the read soon.
    package static let batchSize = 1024
    /// Bytes of record copies that end a batch early: records with long values the stages read
    /// travel in smaller batches, so a worker's queue holds at most ``queueDepth`` times this in
    /// copies (64 MiB), whatever the records. A batch of the bench week's records copies about
    /// 120 KB for five alert conditions, far below it.
    package static let batchCopyBytes = 1 << 20
    /// Batches waiting per worker at most. With alert conditions the reading thread (parsing,
    /// building the contexts) and the stages' worker share two cores with the inflating thread,
    /// and which of the two is behind changes along the week: in one run with 16 batches the
    /// reading thread waited 271 times on a full queue, the worker 449 times on an empty one,
    /// and a fifth of the two cores idled. A queue that holds about a tenth of a second of
    /// records lets the one ahead keep working through such a stretch. On the 1 GB bench week
    /// with `--alerts`, six alternating runs each took 2.20 to 2.33 s with 64 batches, 2.27 to
    /// 2.39 s with 48, 2.34 to 2.54 s with 16 (and 4.21 to 4.36 s against 4.35 to 4.40 s for
    /// 16 against 4, on an older build), for about 40 MB more at its peak than 16 (161 against
    /// 122 MB). The contexts' worker keeps four: a deeper queue there gained nothing.
    package static let queueDepth = 64

    /// What one worker is handed: contexts in read order and, when its stages read the
    /// record, a copy of each record.
    private struct Batch {
        var contexts: [RecordContext]
        var copies: RecordCopies?
        /// The workers still to read ``copies``: the last one gives them back for another batch.
        var copyReaders: CopyReaders?
    }

    /// A count of the workers yet to finish with a batch's copies, shared by those workers.
    private final class CopyReaders: Sendable {
        private let remaining: Locked<Int>

        init(_ count: Int) { remaining = Locked(count) }

        /// Counts one worker done; true for the last.
        func finishOne() -> Bool { remaining.withLock { $0 -= 1; return $0 == 0 } }
    }

    /// The stages run on the reading thread, held here while ``inlineCalls`` calls them.
    private let inline: [any RecordStage]
    private let inlineCalls: [UnretainedStage]
    private let workers: [BatchWorker<Batch>]
    /// Whether the records are copied for a worker (one of its stages reads them).
    private let copiesRecords: Bool
    /// The slots copied: those the stages reading the records read (nil: all).
    private let copiedSlots: Set<Int>?
    private var contexts: [RecordContext] = []
    private var copies: RecordCopies?
    /// ``copies``, lent to each record's copy without a retain (as in
    /// ``RecordContextWorker/consume(_:file:)``): binding the optional retained it.
    private var unretainedCopies: Unmanaged<RecordCopies>?
    /// Workers that read the copies of a batch.
    private let copyReaderCount: Int
    /// Copies every worker is done with, emptied, for the reading thread to fill again (as in
    /// ``RecordContextWorker``): new copies for each batch were allocated and touched afresh.
    private let spare = Locked<[RecordCopies]>([])

    /// `jobs`: the threads the stages may use, the reading one included. With one, everything
    /// runs on the reading thread. Stages are dealt to the workers in list order, so list the
    /// costly ones first. `schema` is the one the records are read with.
    package init(stages: [any RecordStage], jobs: Int, schema: RecordSchema) {
        let workerCount = jobs > 1 ? min(jobs - 1, stages.count) : 0
        guard workerCount > 0 else {
            inline = stages
            inlineCalls = stages.map(UnretainedStage.init)
            workers = []
            copiesRecords = false
            copiedSlots = nil
            copyReaderCount = 0
            return
        }
        inline = []
        inlineCalls = []
        var groups = Array(repeating: [any RecordStage](), count: workerCount)
        for (index, stage) in stages.enumerated() { groups[index % workerCount].append(stage) }
        copiesRecords = stages.contains { $0.readsRecordView }
        copiedSlots = Self.slots(readBy: stages)
        copyReaderCount = groups.filter { $0.contains { $0.readsRecordView } }.count
        let spare = spare
        workers = groups.map { stages in
            let calls = stages.map(UnretainedStage.init)
            let replay = calls.contains(where: \.readsRecordView) ? RecordReplay(schema: schema) : nil
            // Every worker gets the same batch, which none of them changes.
            return BatchWorker(name: "lt-stages", depth: Self.queueDepth) { (batch: Batch) in
                // The closure holds the stages its unretained calls call.
                try withExtendedLifetime(stages) {
                    // Each context is taken out once and lent to every stage: handing the
                    // element itself would copy the context for each stage (it could change
                    // during a call), and so would an element read through a pointer.
                    if let replay {
                        guard let copies = batch.copies else { throw StageWiringError.viewMissing(stage: "record copying") }
                        try replay.unretainedView._withUnsafeGuaranteedRef { view in
                            for (index, context) in batch.contexts.enumerated() {
                                replay.show(index, in: copies)
                                for stage in calls { try stage.consume(context, view: view) }
                            }
                        }
                    } else {
                        for context in batch.contexts {
                            for stage in calls { try stage.consume(context, view: nil) }
                        }
                    }
                }
                if replay != nil, let copies = batch.copies, batch.copyReaders?.finishOne() == true {
                    copies.removeAll(retainingAtMost: 2 * Self.batchCopyBytes)
                    spare.withLock { $0.append(copies) }
                }
            }
        }
        startBatch()
    }

    deinit { cancel() }

    /// Threads working behind the read.
    package var workerCount: Int { workers.count }

    /// Takes the context whole, and the record it was built from (`view`, valid during the
    /// call): on the reading thread the stages that read the record get the view; behind the
    /// read the context is moved into the batch, and the record copied when a stage reads it.
    package func consume(_ context: consuming RecordContext, view: RecordView) throws {
        guard !workers.isEmpty else {
            for stage in inlineCalls { try stage.consume(context, view: view) }
            return
        }
        var copiedBytes = 0
        if let unretainedCopies { copiedBytes = unretainedCopies._withUnsafeGuaranteedRef { $0.append(view) } }
        contexts.append(consume context)
        if contexts.count == Self.batchSize || copiedBytes >= Self.batchCopyBytes { try handOver() }
    }

    /// Waits until the workers have consumed every context read, and rethrows the first
    /// error a stage threw. After it, every stage is back on the calling thread's side.
    package func drain() throws {
        if !contexts.isEmpty { try handOver() }
        var firstError: (any Error)?
        for worker in workers {
            do { try worker.close() } catch { firstError = firstError ?? error }
        }
        if let firstError { throw firstError }
    }

    /// Stops the workers without consuming what is queued (the read failed).
    package func cancel() {
        for worker in workers { worker.cancel() }
    }

    private func startBatch() {
        contexts = []
        contexts.reserveCapacity(Self.batchSize)
        copies = copiesRecords
            ? spare.withLock { $0.popLast() } ?? RecordCopies(expectedRecords: Self.batchSize, keeping: copiedSlots) : nil
        unretainedCopies = copies.map(Unmanaged.passUnretained)
    }

    /// The slots the stages that read the record read, nil when one of them reads any.
    private static func slots(readBy stages: [any RecordStage]) -> Set<Int>? {
        var slots: Set<Int> = []
        for stage in stages where stage.readsRecordView {
            guard let read = stage.recordSlots else { return nil }
            slots.formUnion(read)
        }
        return slots
    }

    private func handOver() throws {
        let full = Batch(contexts: contexts, copies: copies, copyReaders: copies.map { _ in CopyReaders(copyReaderCount) })
        startBatch()
        for worker in workers { try worker.submit(full) }
    }
}
