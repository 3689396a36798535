import LogTriageBasics

extension SpoolRecord {
    /// ``SpoolRecord/merge(runs:memory:_:)`` for the row types of this module: generic here,
    /// so the compiler specialises it for each of them (it does not specialise the generic
    /// code of another module), and each row type's `merge` is one call to it.
    static func mergeSorted(runs: [SpoolReader], memory: [Self], _ body: (Self) throws -> Void) throws {
        let runCount = runs.count + (memory.isEmpty ? 0 : 1)
        var heads = [Self?](repeating: nil, count: runCount)
        var next = 0
        try SortedRunMerge.merge(runs: runCount, advance: { run in
            if run < runs.count {
                heads[run] = try read(from: runs[run])
            } else {
                heads[run] = next < memory.count ? memory[next] : nil
                next += 1
            }
            return heads[run] != nil
        }, precedes: { precedes(heads[$0]!, heads[$1]!) }, emit: { try body(heads[$0]!) })
    }
}
