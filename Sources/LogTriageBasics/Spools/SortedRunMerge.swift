/// Merges runs of rows, each already in `precedes` order, into one ordered stream through a
/// binary min-heap of their heads: memory holds one row per run, whatever their length.
///
/// The external sort merges its run files with it, and a merge of partials the invoice
/// observations each partial wrote in order, with no sort at all. Rows equal by `precedes`
/// must be interchangeable (both callers' rows differ at least in a unique reference or are
/// identical), so ties between runs need no rule.
package enum SortedRunMerge {
    package static func merge<Row>(_ runs: [() throws -> Row?], precedes: (Row, Row) -> Bool,
                                   _ body: (Row) throws -> Void) throws {
        var heap: [(row: Row, run: Int)] = []
        heap.reserveCapacity(runs.count)
        for (index, next) in runs.enumerated() {
            if let row = try next() { heap.append((row, index)) }
        }
        func less(_ a: Int, _ b: Int) -> Bool { precedes(heap[a].row, heap[b].row) }
        func siftDown(_ index: Int) {
            var parent = index
            while true {
                let left = 2 * parent + 1
                guard left < heap.count else { return }
                var smallest = left
                if left + 1 < heap.count, less(left + 1, left) { smallest = left + 1 }
                guard less(smallest, parent) else { return }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
        while let top = heap.first {
            try body(top.row)
            if let next = try runs[top.run]() {
                heap[0].row = next
            } else {
                heap.swapAt(0, heap.count - 1)
                heap.removeLast()
            }
            if !heap.isEmpty { siftDown(0) }
        }
    }
}
