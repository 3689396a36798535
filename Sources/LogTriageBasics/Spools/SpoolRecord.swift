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
}
