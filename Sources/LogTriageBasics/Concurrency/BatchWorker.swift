import Foundation

/// One thread consuming batches in the order they are submitted, behind a thread that reads.
///
/// A bounded queue keeps memory flat when the worker falls behind: beyond ``depth`` waiting
/// batches, ``submit(_:)`` waits. The first error `consume` throws ends the worker; the next
/// ``submit(_:)`` or ``close()`` rethrows it, so a failure stops the read within a batch or
/// two. What `consume` captures is touched only by the worker between its start and
/// ``close()``/``cancel()`` returning: the lock hands it over both ways, hence `@unchecked`.
/// The worker lets go of `consume`, and of all it captured, before either returns: a run that
/// stops on an error removes its temporary files as its stages go, and a worker thread still
/// holding the stages after the run has exited would leave them behind.
package final class BatchWorker<Batch>: @unchecked Sendable {
    /// Set once before the thread starts, read and cleared by the worker thread only.
    private var consume: ((Batch) throws -> Void)?
    private let lock = NSCondition()
    private var queue: [Batch] = []
    private var closed = false
    private var cancelled = false
    private var finished = false
    private var failure: (any Error)?
    /// Batches waiting at most: beyond this the submitting thread waits for the worker.
    private let depth: Int

    /// Starts the thread, named `name` (at most ``ThreadName/maxBytes`` bytes are shown).
    package init(name: String, depth: Int = 4, consume: @escaping (Batch) throws -> Void) {
        self.consume = consume
        self.depth = depth
        ThreadName.startThread(named: name) { [self] in work() }
    }

    /// Queues `batch`, waiting while the queue is full; throws the worker's error if it failed.
    /// Returns how many batches wait now, this one among them: how far the worker is behind.
    @discardableResult
    package func submit(_ batch: Batch) throws -> Int {
        lock.lock()
        defer { lock.unlock() }
        while queue.count >= depth && failure == nil && !finished { lock.wait() }
        if let failure { throw failure }
        queue.append(batch)
        lock.broadcast()
        return queue.count
    }

    /// Waits until every queued batch is consumed, and rethrows the worker's error.
    package func close() throws {
        lock.lock()
        defer { lock.unlock() }
        closed = true
        lock.broadcast()
        while !finished { lock.wait() }
        if let failure { throw failure }
    }

    /// Stops the worker without consuming what is queued, and waits for it.
    package func cancel() {
        lock.lock()
        defer { lock.unlock() }
        cancelled = true
        lock.broadcast()
        while !finished { lock.wait() }
    }

    private func work() {
        var error: (any Error)?
        while error == nil, let batch = next() {
            do { try consume?(batch) } catch let thrown { error = thrown }
        }
        consume = nil
        lock.lock()
        failure = error
        finished = true
        lock.broadcast()
        lock.unlock()
    }

    /// The next batch, or nil once closed and empty, or cancelled.
    private func next() -> Batch? {
        lock.lock()
        defer { lock.unlock() }
        while queue.isEmpty && !closed && !cancelled { lock.wait() }
        if cancelled || queue.isEmpty { return nil }
        lock.broadcast()
        return queue.removeFirst()
    }
}
