/// A row the ``ExternalSorter`` can write to disk, read back and order.
package protocol SpoolRecord {
    /// Appends the row's bytes.
    func write(to writer: SpoolWriter)
    /// The next row, or nil at the end of the file.
    static func read(from reader: SpoolReader) throws(SpoolError) -> Self?
    /// The sort order; it must be total over every field, so the sorted sequence, and all that
    /// is computed from it, does not depend on the order rows arrived in.
    static func precedes(_ lhs: Self, _ rhs: Self) -> Bool
}
