/// Merges runs of rows, each already in order, into one ordered stream through a binary
/// min-heap of run numbers: memory holds one row per run (the caller's heads), whatever the
/// runs' lengths.
///
/// The external sort merges its run files with it, and a merge of partials the invoice
/// observations each partial wrote in order, with no sort at all. The heap holds only run
/// numbers, so it needs no generic code: the caller keeps each run's head in its own typed
/// storage and compares heads there. Heads equal by the order must be interchangeable (both
/// callers' rows differ at least in a unique reference, or are identical), so ties between
/// runs need no rule.
package enum SortedRunMerge {
    /// - Parameters:
    ///   - count: the number of runs, numbered from 0.
    ///   - advance: moves run `run`'s head to its next row; false when the run has no more.
    ///   - precedes: whether run `a`'s head comes before run `b`'s.
    ///   - emit: hands on run `run`'s head, the smallest of all heads.
    package static func merge(runs count: Int, advance: (_ run: Int) throws -> Bool,
                              precedes: (_ a: Int, _ b: Int) -> Bool, emit: (_ run: Int) throws -> Void) throws {
        var heap: [Int] = []
        heap.reserveCapacity(count)
        for run in 0..<count where try advance(run) { heap.append(run) }
        func siftDown(_ index: Int) {
            var parent = index
            while true {
                let left = 2 * parent + 1
                guard left < heap.count else { return }
                var smallest = left
                if left + 1 < heap.count, precedes(heap[left + 1], heap[left]) { smallest = left + 1 }
                guard precedes(heap[smallest], heap[parent]) else { return }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
        while let top = heap.first {
            try emit(top)
            if try !advance(top) {
                heap.swapAt(0, heap.count - 1)
                heap.removeLast()
            }
            if !heap.isEmpty { siftDown(0) }
        }
    }
}
