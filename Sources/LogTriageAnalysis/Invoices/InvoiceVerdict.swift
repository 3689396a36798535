import LogTriageBasics

/// One failure's verdict as spooled for the final sort by reference.
struct InvoiceVerdict: SpoolRecord, Equatable {
    var reference: Int64
    var stale: Bool

    func write(to writer: SpoolWriter) {
        writer.write(reference)
        writer.write(stale ? 1 as UInt8 : 0)
    }

    static func read(from reader: SpoolReader) throws(SpoolError) -> InvoiceVerdict? {
        guard try reader.ensure(9) else { return nil }
        return InvoiceVerdict(reference: reader.readInt64(), stale: reader.readUInt8() != 0)
    }

    static func precedes(_ lhs: InvoiceVerdict, _ rhs: InvoiceVerdict) -> Bool {
        lhs.reference != rhs.reference ? lhs.reference < rhs.reference : (!lhs.stale && rhs.stale)
    }

    static func sort(_ rows: inout [InvoiceVerdict]) {
        rows.sort(by: precedes)
    }

    static func merge(runs: [SpoolReader], memory: [InvoiceVerdict], _ body: (InvoiceVerdict) throws -> Void) throws {
        try mergeSorted(runs: runs, memory: memory, body)
    }
}
