import LogTriageBasics
import LogTriageIngest

/// Mines a run's records on threads behind the read, for `logtriage patterns --jobs`.
///
/// The reading thread copies what the miner needs of each record into batches
/// (``PatternBatch``); batch `k` goes to worker `k` mod the worker count, each with a collector
/// of its own. One worker sees every batch in order, so its patterns are a single pass's; with
/// more, each collector keeps its template journal and ``finish()`` merges them in batch order
/// (``PatternCollector/finish(merging:configuration:)``), so the patterns are the same for any count.
package final class PatternWorkers {
    /// Records per batch: the handover costs little per record, and an error stops the read soon.
    package static let batchSize = 1024
    /// How many times the template cap several miners may hold in all (each at least the cap).
    static let capRoom = 4
    /// Bytes of new messages the journals of several miners keep in all, so that memory stays
    /// bounded when most messages are new; past it the input is read again with one miner.
    static let journalBytes = 64 << 20

    private let miner: TemplateMinerConfiguration
    private let collectors: [PatternCollector]
    private let workers: [BatchWorker<PatternBatch>]
    private var batch: PatternBatch
    private var sequence = 0

    /// `placed` hears each record with its provisional template, on the worker's thread and in
    /// read order; it needs a single worker, since with several no thread sees every record.
    package init(count: Int, miner: TemplateMinerConfiguration = .default,
                 placed: ((TemplateID, PatternRecord) throws -> Void)? = nil) {
        precondition(count >= 1 && (placed == nil || count == 1), "records are placed in read order by one worker")
        // Several miners each see part of the messages and merge fewer templates, so each may
        // hold more than the cap before the merge (a miner that overflowed where one pass would
        // not makes the merge refuse); in all they hold a few times the cap, whatever their number.
        var own = miner
        if count > 1, miner.maxTemplates <= Int.max / Self.capRoom {
            own.maxTemplates = max(miner.maxTemplates, miner.maxTemplates * Self.capRoom / count)
        }
        let collectors = (0..<count).map { _ in PatternCollector(miner: own) }
        if count > 1 { for collector in collectors { collector.keepJournal(byteLimit: Self.journalBytes / count) } }
        self.collectors = collectors
        self.miner = miner
        workers = collectors.map { collector in
            BatchWorker(name: "lt-patterns") { (batch: PatternBatch) in
                collector.batch = batch.sequence
                try batch.forEach { record in
                    let template = collector.consume(record)
                    try placed?(template, record)
                }
            }
        }
        batch = Self.batch(0)
    }

    /// An empty batch numbered `sequence`; every batch before it was full, so its first record
    /// is number `sequence × batchSize`.
    private static func batch(_ sequence: Int) -> PatternBatch {
        PatternBatch(sequence: sequence, firstOrdinal: Int64(sequence) * Int64(batchSize), capacity: batchSize)
    }

    deinit { cancel() }

    /// Copies `record`, read from `file`, into the batch being filled; hands a full batch over,
    /// and throws the error a worker stopped with.
    package func consume(_ record: RecordView, file: Int) throws {
        batch.append(record, file: file)
        if batch.count == Self.batchSize { try handOver() }
    }

    /// Waits for the workers and returns the run's patterns (without provisional indices when
    /// several workers mined); rethrows the first error a worker stopped with.
    package func finish() throws -> PatternResult {
        if batch.count > 0 { try handOver() }
        var firstError: (any Error)?
        for worker in workers {
            do { try worker.close() } catch { firstError = firstError ?? error }
        }
        if let firstError { throw firstError }
        return collectors.count == 1 ? collectors[0].finish() : try PatternCollector.finish(merging: collectors, configuration: miner)
    }

    /// Stops the workers without mining what is queued (the read failed).
    package func cancel() {
        for worker in workers { worker.cancel() }
    }

    private func handOver() throws {
        let full = batch
        batch = Self.batch(sequence + 1)
        try workers[sequence % workers.count].submit(full)
        sequence += 1
    }
}
