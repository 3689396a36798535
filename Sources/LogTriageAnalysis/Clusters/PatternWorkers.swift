import LogTriageBasics
import LogTriageIngest

/// Mines a run's records on threads behind the read, for `logtriage patterns --jobs`.
///
/// The reading thread copies what the miner needs of each record into batches
/// (``PatternBatch``); batch `k` goes to worker `k` mod the worker count, each with a collector
/// of its own. One worker sees every batch in order, so its patterns are a single pass's; with
/// more, each collector keeps its template journal and ``finish()`` merges them in batch order
/// (``PatternCollector/finish(merging:configuration:)``), so the patterns are the same for any count.
///
/// A run that reads its files in parts side by side has workers per part (``init(count:sharing:miner:fileOrder:)``):
/// their batches are named by the run's order of files, so that the collectors of every part
/// merge as one run's (``finishMining()``).
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
    /// Batches handed over so far: batch `k` goes to worker `k` mod the worker count.
    private var handedOver = 0
    /// With a ``fileOrder``, the file whose records the batch holds, and the batches and
    /// records of it before the batch.
    private let fileOrder: [Int]?
    private var file = -1
    private var batchesOfFile = 0
    private var recordsOfFile: Int64 = 0

    /// `placed` hears each record with its provisional template, on the worker's thread and in
    /// read order; it needs a single worker, since with several no thread sees every record.
    package convenience init(count: Int, miner: TemplateMinerConfiguration = .default,
                             placed: ((TemplateID, PatternRecord) throws -> Void)? = nil) {
        self.init(count: count, sharing: count, miner: miner, fileOrder: nil, placed: placed)
    }

    /// Workers of one part of a run read in parts: `total` collectors mine the run in all,
    /// this part's `count` among them, and `fileOrder` gives each file of the part (by its
    /// index in the part's ingest summary) its place in the run's order of files. A batch
    /// then holds records of one file, and is named by that place and its number in the file,
    /// its records by that place and their number in the file: the order of both is the run's
    /// read order, whichever part read them.
    package convenience init(count: Int, sharing total: Int, miner: TemplateMinerConfiguration = .default, fileOrder: [Int]) {
        self.init(count: count, sharing: total, miner: miner, fileOrder: fileOrder, placed: nil)
    }

    private init(count: Int, sharing total: Int, miner: TemplateMinerConfiguration, fileOrder: [Int]?,
                 placed: ((TemplateID, PatternRecord) throws -> Void)?) {
        precondition(count >= 1 && total >= count && (placed == nil || total == 1), "records are placed in read order by one worker")
        precondition(fileOrder.map { $0.allSatisfy { $0 >= 0 && $0 < 1 << 23 } } ?? true, "a file's place fits a batch's name")
        // Several miners each see part of the messages and merge fewer templates, so each may
        // hold more than the cap before the merge (a miner that overflowed where one pass would
        // not makes the merge refuse); in all they hold a few times the cap, whatever their number.
        var own = miner
        if total > 1, miner.maxTemplates <= Int.max / Self.capRoom {
            own.maxTemplates = max(miner.maxTemplates, miner.maxTemplates * Self.capRoom / total)
        }
        let collectors = (0..<count).map { _ in PatternCollector(miner: own) }
        if total > 1 { for collector in collectors { collector.keepJournal(byteLimit: Self.journalBytes / total) } }
        self.collectors = collectors
        self.fileOrder = fileOrder
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
        if let fileOrder, file != self.file {
            if batch.count > 0 { try handOver() }
            self.file = file
            (batchesOfFile, recordsOfFile) = (0, 0)
            batch = Self.batch(ofFile: fileOrder[file], number: 0, firstRecord: 0)
        }
        batch.append(record, file: file)
        if batch.count == Self.batchSize { try handOver() }
    }

    /// Waits for the workers and returns the run's patterns (without provisional indices when
    /// several workers mined); rethrows the first error a worker stopped with.
    package func finish() throws -> PatternResult {
        let collectors = try finishMining()
        return collectors.count == 1 ? collectors[0].finish() : try PatternCollector.finish(merging: collectors, configuration: miner)
    }

    /// Waits for the workers and returns their collectors, each with its journal when several
    /// mine the run, to merge with the other parts' (``PatternCollector/finish(merging:configuration:)``);
    /// rethrows the first error a worker stopped with.
    package func finishMining() throws -> [PatternCollector] {
        if batch.count > 0 { try handOver() }
        var firstError: (any Error)?
        for worker in workers {
            do { try worker.close() } catch { firstError = firstError ?? error }
        }
        if let firstError { throw firstError }
        return collectors
    }

    /// Stops the workers without mining what is queued (the read failed).
    package func cancel() {
        for worker in workers { worker.cancel() }
    }

    private func handOver() throws {
        let full = batch
        if let fileOrder {
            batchesOfFile += 1
            recordsOfFile += Int64(full.count)
            batch = Self.batch(ofFile: fileOrder[file], number: batchesOfFile, firstRecord: recordsOfFile)
        } else {
            batch = Self.batch(handedOver + 1)
        }
        try workers[handedOver % workers.count].submit(full)
        handedOver += 1
    }

    /// An empty batch of the file at `place` in the run's order: number `number` of the file,
    /// its first record the file's `firstRecord`. The place leads both names, so they sort as
    /// one run reads (a file's batches and records fit in 32 and 40 bits).
    private static func batch(ofFile place: Int, number: Int, firstRecord: Int64) -> PatternBatch {
        PatternBatch(sequence: place << 32 | number, firstOrdinal: Int64(place) << 40 | firstRecord, capacity: batchSize)
    }
}
