import Testing
@testable import LogTriageBasics

/// A batch worker hands its batches to its work in order, rethrows the work's first error,
/// and has let go of the work (and all it captured: a run's stages and their temporary files)
/// by the time `close()` or `cancel()` returns, whichever way it ended.
@Suite struct BatchWorkerTests {
    struct Failure: Error, Equatable {}

    /// Something the work captures; only the work holds it.
    final class Captured: Sendable {}

    final class Seen: @unchecked Sendable {
        var batches: [Int] = []
    }

    /// A worker whose work captures a fresh ``Captured`` (watched through `watcher`) and fails
    /// at batch `failAt`.
    static func worker(seen: Seen, failAt: Int?, watcher: inout Captured?) -> BatchWorker<Int> {
        let captured = Captured()
        watcher = captured
        return BatchWorker(name: "test-batches") { batch in
            withExtendedLifetime(captured) {}
            if batch == failAt { throw Failure() }
            seen.batches.append(batch)
        }
    }

    @Test(arguments: [Int?.none, 3])
    func theWorkIsLetGoOfOnceClosed(failAt: Int?) throws {
        let seen = Seen()
        var strong: Captured?
        let worker = Self.worker(seen: seen, failAt: failAt, watcher: &strong)
        weak let watcher = strong
        strong = nil
        #expect(watcher != nil, "the work holds what it captured while it runs")
        if let failAt {
            #expect(throws: Failure()) {
                for batch in 0..<1_000 { try worker.submit(batch) }
                try worker.close()
            }
            #expect(seen.batches == Array(0..<failAt))
        } else {
            for batch in 0..<100 { try worker.submit(batch) }
            try worker.close()
            #expect(seen.batches == Array(0..<100))
        }
        #expect(watcher == nil, "the worker thread has let go of the work before close() returned")
        withExtendedLifetime(worker) {}
    }

    @Test func theWorkIsLetGoOfOnceCancelled() throws {
        let seen = Seen()
        var strong: Captured?
        let worker = Self.worker(seen: seen, failAt: nil, watcher: &strong)
        weak let watcher = strong
        strong = nil
        try worker.submit(0)
        worker.cancel()
        #expect(watcher == nil)
        #expect(seen.batches.count <= 1)
        withExtendedLifetime(worker) {}
    }
}
