import Foundation
import LogTriageBasics

/// Runs a run's stages: those that read the record on the reading thread, the others on
/// threads of their own, behind the read.
///
/// Every stage still sees every context once and in read order, whichever thread it runs
/// on, so its figures — and every report made from them — are the same for any number of
/// threads. Contexts travel to the workers in batches, without their view; a bounded queue
/// per worker keeps memory flat when a worker falls behind. A stage that throws on a worker
/// stops the read at the next batch (within ``batchSize`` records), and the run fails with
/// its error.
package final class StageWorkers {
    /// Contexts handed to the workers at once: large enough that the handover costs little
    /// per record, small enough that an error stops the read soon.
    package static let batchSize = 1024

    private let inline: [any RecordStage]
    private let workers: [BatchWorker<[RecordContext]>]
    private var batch: [RecordContext] = []

    /// `jobs`: the threads the stages may use, the reading one included. With one, or when
    /// every stage reads the record, everything runs on the reading thread. Stages behind the
    /// read are dealt to the workers in list order, so list the costly ones first.
    package init(stages: [any RecordStage], jobs: Int) {
        let behind = stages.filter { !$0.readsRecordView }
        let workerCount = jobs > 1 ? min(jobs - 1, behind.count) : 0
        guard workerCount > 0 else {
            inline = stages
            workers = []
            return
        }
        inline = stages.filter(\.readsRecordView)
        var groups = Array(repeating: [any RecordStage](), count: workerCount)
        for (index, stage) in behind.enumerated() { groups[index % workerCount].append(stage) }
        workers = groups.map { stages in
            // Every worker gets the same array of detached contexts, which none of them changes.
            BatchWorker(name: "logtriage-stages") { (batch: [RecordContext]) in
                for context in batch {
                    for stage in stages { try stage.consume(context) }
                }
            }
        }
        batch.reserveCapacity(Self.batchSize)
    }

    deinit { cancel() }

    /// Threads working behind the read.
    package var workerCount: Int { workers.count }

    package func consume(_ context: borrowing RecordContext) throws {
        if !workers.isEmpty {
            batch.append(context.detached)
            if batch.count == Self.batchSize { try handOver() }
        }
        for stage in inline { try stage.consume(context) }
    }

    /// Waits until the workers have consumed every context read, and rethrows the first
    /// error a stage threw. After it, every stage is back on the calling thread's side.
    package func drain() throws {
        if !batch.isEmpty { try handOver() }
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

    private func handOver() throws {
        let full = batch
        batch = []
        batch.reserveCapacity(Self.batchSize)
        for worker in workers { try worker.submit(full) }
    }
}
