/// A row the ``ExternalSorter`` can write to disk, read back and order.
package protocol SpoolRecord {
    /// Appends the row's bytes.
    func write(to writer: SpoolWriter)
    /// The next row, or nil at the end of the file.
    static func read(from reader: SpoolReader) throws(SpoolError) -> Self?
    /// The sort order; it must be total over every field, so the sorted sequence, and all that
    /// is computed from it, does not depend on the order rows arrived in.
    static func precedes(_ lhs: Self, _ rhs: Self) -> Bool
    /// Sorts `rows` by ``precedes(_:_:)``. Each row type implements it where it is concrete:
    /// sorted through the generic ``ExternalSorter``, every comparison and move would go
    /// through the protocol's witness, which made the sort of a week's verdicts several times
    /// slower than the same sort specialised.
    static func sort(_ rows: inout [Self])
    /// Calls `body` with every row of `runs` (each in sort order) and then of `memory` (a sorted
    /// run after them), merged in order (``SortedRunMerge``). Implemented where the row type is
    /// concrete, for the reason `sort` is: in the generic ``ExternalSorter`` every row read
    /// and every head kept asked the runtime for the metadata of `Self?` again, which took
    /// about a third of the stale-invoice merges after the read.
    static func merge(runs: [SpoolReader], memory: [Self], _ body: (Self) throws -> Void) throws
}
