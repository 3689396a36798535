/// Sliding windows of a query whose windows keep values (a percentile's, a `uniqueCount`'s),
/// made through a queue of partial merges rather than by merging every step each window spans.
///
/// A window spanning `span` steps merged step by step costs `span` merges, each as large as
/// the values the step holds: a percentile over six hours sliding by a minute merged 360 steps
/// into each of a week's 10,080 windows: a run of it and a `uniqueCount` alike on the 1 GB
/// bench week took 14.5 s, and 8.9 s through the queue. The
/// queue (the "two stacks" of sliding aggregation) merges each step a few times in all: it
/// keeps the merge of the newest steps, and for the oldest the merges from each of them to the
/// last step moved over, so each window is one merge of two. The windows are the same as
/// merging step by step only when merging gives the same in any grouping
/// (``NRQLAggregate/mergesInAnyGrouping``), which is when ``ConditionWindow/slidesThroughQueue``
/// lets this run; the older steps are always merged before the newer, as step by step.
enum SlidingWindowQueue {
    /// The windows starting at `starts` (sorted, distinct), each the merge of the `steps`
    /// (sorted by start) a whole number of steps after its start and before its end.
    /// `firstFlowRecord` is set as the step-by-step windows set it.
    static func windows(steps: [(key: Int64, value: ConditionWindow)], starts: [Int64], stepLength: Int64,
                        length: Int64) -> [Int64: ConditionWindow] {
        func residue(_ time: Int64) -> Int64 { ((time % stepLength) + stepLength) % stepLength }
        // Steps a whole number of steps apart are one queue: a window reads only its own.
        var stepsByResidue: [Int64: [(key: Int64, value: ConditionWindow)]] = [:]
        for step in steps { stepsByResidue[residue(step.key), default: []].append(step) }
        var startsByResidue: [Int64: [Int64]] = [:]
        for start in starts { startsByResidue[residue(start), default: []].append(start) }
        var windows: [Int64: ConditionWindow] = Dictionary(minimumCapacity: starts.count)
        for (residue, starts) in startsByResidue {
            guard let steps = stepsByResidue[residue] else { continue }
            var queue = Queue(steps: steps)
            for start in starts {
                queue.advance(to: start, length: length)
                guard var window = queue.merged else { continue }
                window.firstFlowRecord = queue.flowRecord(start: start)
                windows[start] = window
            }
        }
        return windows
    }

    /// The steps `lo..<hi` of one residue as the merge of two parts: `front`, the merges from
    /// each of `lo..<frontEnd` to `frontEnd - 1` (the last is `lo`'s), and `back`, the merge of
    /// `frontEnd..<hi`.
    private struct Queue {
        let steps: [(key: Int64, value: ConditionWindow)]
        var lo = 0, hi = 0, frontEnd = 0
        var front: [ConditionWindow] = []
        var back: ConditionWindow?

        init(steps: [(key: Int64, value: ConditionWindow)]) {
            self.steps = steps
        }

        /// Takes in the steps before `start + length`, lets go of those before `start`.
        mutating func advance(to start: Int64, length: Int64) {
            while hi < steps.count && steps[hi].key < start + length {
                if back == nil { back = steps[hi].value } else { back!.merge(steps[hi].value) }
                hi += 1
            }
            while lo < hi && steps[lo].key < start {
                if front.isEmpty { moveBackToFront() }
                front.removeLast()
                lo += 1
            }
        }

        /// The back's steps as the front's merges, newest first, so the oldest's is last.
        private mutating func moveBackToFront() {
            var merged: ConditionWindow?
            for index in stride(from: hi - 1, through: frontEnd, by: -1) {
                var window = steps[index].value
                if let merged { window.merge(merged) }
                front.append(window)
                merged = window
            }
            frontEnd = hi
            back = nil
        }

        /// The merge of the steps `lo..<hi`, older first; nil when there is none.
        var merged: ConditionWindow? {
            guard var window = front.last else { return back }
            if let back { window.merge(back) }
            return window
        }

        /// Event flow's record for the window starting at `start`: in its first step, at or
        /// after the delay's offset; in the later steps, any record.
        func flowRecord(start: Int64) -> Int64 {
            var flow: Int64 = .max
            for index in lo..<hi {
                flow = min(flow, steps[index].key == start ? steps[index].value.firstFlowRecord : steps[index].value.firstRecord)
            }
            return flow
        }
    }
}
