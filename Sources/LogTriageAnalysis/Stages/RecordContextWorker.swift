import LogTriageBasics
import LogTriageIngest

/// Builds the records' contexts on a thread of its own, behind the read, and hands each to
/// the run's stages from there: the reading thread then only parses each record and copies it
/// (``RecordCopies``), and works out its placement keys when this worker falls behind.
///
/// Working out a context (severity, cluster placement, outcome facts, invoice observation)
/// was nearly half of the reading thread's time, which bounded a run without alert conditions
/// while the stages' thread waited. The builder, and its clusterer, still see every record
/// once and in read order, shown again as a view (``RecordReplay``) exactly as it was read, so
/// every figure is the same as when the reading thread builds the contexts. A bounded queue
/// of batches, bounded in records and in copied bytes, keeps memory flat; a stage or builder
/// error stops the read at the next batch, and the run fails with it.
///
/// Working out the outcome facts on the reading thread instead, to share the work more
/// evenly, made the run slower (3.43 s against 3.02 s on the 1 GB bench week, two jobs):
/// the facts' strings then cross threads in the batch.
///
/// The placement keys (``PlacementKeys``: what the clusterer hashes from a record, plain
/// numbers) are worked out on either thread, as the two keep up: on the bench week this worker
/// was the slower one and the reading thread waited for it, but with the keys moved to the
/// reading thread for every batch, the reading thread became the slower by more (instructions
/// per thread, callgrind). So the reading thread works out the keys of a batch when the
/// previous batch found others still waiting for this worker (``KeyWork/whenBehind``). Either
/// way the keys are the same numbers, so the run's results do not depend on where they are made.
package final class RecordContextWorker {
    /// Which thread works out the records' placement keys.
    package enum KeyWork: Sendable {
        /// The reading thread, for the batches it fills while this worker is behind.
        case whenBehind
        /// The reading thread, for every batch.
        case reader
        /// This worker, for every record.
        case worker
    }

    /// Batches waiting for this worker (the one just handed over among them) from which the
    /// reading thread works out the next batch's keys.
    static let waitingBatchesBehind = 2

    /// Records and their files, copied on the reading thread and handed over whole.
    private struct Batch {
        var copies: RecordCopies
        var files: [Int]
        /// Empty when the worker works the keys out.
        var keys: [PlacementKeys]
    }

    /// Bytes of record copies that end a batch early. The records are copied whole here, and
    /// the queue holds four batches: at most 16 MiB of copies, whatever the records.
    static let batchCopyBytes = 4 << 20

    private let worker: BatchWorker<Batch>
    private var copies = RecordCopies(expectedRecords: StageWorkers.batchSize)
    private var files: [Int] = []
    private var keys: [PlacementKeys] = []
    private let slowThresholdMs: Int
    private let keyWork: KeyWork
    /// Whether the reading thread works out the keys of the batch it fills.
    private var readerMakesKeys: Bool
    /// Copies the worker is done with, emptied, for the reading thread to fill again: a new
    /// batch's arrays and bytes, allocated, grown and touched afresh, were most of the copying's
    /// cost on the reading thread. As many as there are batches in flight at most.
    private let spare = Locked<[RecordCopies]>([])

    /// `stages` are consumed on this worker's thread only, from the first record to ``drain()``.
    package init(builder: RecordContextBuilder, stages: StageWorkers, schema: RecordSchema, keyWork: KeyWork = .whenBehind) {
        let replay = RecordReplay(schema: schema)
        let spare = spare
        worker = BatchWorker(name: "lt-contexts") { (batch: Batch) in
            try replay.unretainedView._withUnsafeGuaranteedRef { view in
                for index in 0..<batch.files.count {
                    replay.show(index, in: batch.copies)
                    let file = batch.files[index]
                    let context = batch.keys.isEmpty ? builder.context(of: view, file: file)
                        : builder.context(of: view, file: file, keys: batch.keys[index])
                    try stages.consume(context, view: view)
                }
            }
            batch.copies.removeAll(retainingAtMost: 2 * Self.batchCopyBytes)
            spare.withLock { $0.append(batch.copies) }
        }
        files.reserveCapacity(StageWorkers.batchSize)
        slowThresholdMs = builder.clusterer.slowThresholdMs
        self.keyWork = keyWork
        readerMakesKeys = keyWork == .reader
        if readerMakesKeys { keys.reserveCapacity(StageWorkers.batchSize) }
    }

    deinit { cancel() }

    /// Copies the record `view` shows now, for its context to be built behind the read.
    package func consume(_ view: RecordView, file: Int) throws {
        // The batch's copies lent unretained: nothing replaces them during the call, and a
        // retain and release around it was a thirtieth of the reading thread in one profile.
        let copiedBytes = Unmanaged.passUnretained(copies)._withUnsafeGuaranteedRef { $0.append(view) }
        files.append(file)
        if readerMakesKeys { keys.append(PlacementKeys(of: view, slowThresholdMs: slowThresholdMs)) }
        if files.count == StageWorkers.batchSize || copiedBytes >= Self.batchCopyBytes { try handOver() }
    }

    /// Waits until every record read has its context and has been handed to the stages, and
    /// rethrows the first error. The stages' own workers are drained after it, by the caller.
    package func drain() throws {
        if !files.isEmpty { try handOver() }
        try worker.close()
    }

    /// Stops the worker without building what is queued (the read failed). Call it before
    /// cancelling the stages' workers, which it may be waiting on.
    package func cancel() {
        worker.cancel()
    }

    private func startBatch() {
        copies = spare.withLock { $0.popLast() } ?? RecordCopies(expectedRecords: StageWorkers.batchSize)
        files = []
        files.reserveCapacity(StageWorkers.batchSize)
        keys = []
    }

    private func handOver() throws {
        let full = Batch(copies: copies, files: files, keys: keys)
        startBatch()
        let waiting = try worker.submit(full)
        if keyWork == .whenBehind { readerMakesKeys = waiting >= Self.waitingBatchesBehind }
        if readerMakesKeys { keys.reserveCapacity(StageWorkers.batchSize) }
    }
}
