import LogTriageBasics

/// Spool row layout, 29 bytes: account key, time (Int64), invoice day (Int32), outcome
/// (UInt8), reference (Int64).
extension InvoiceObservation: SpoolRecord {
    package func write(to writer: SpoolWriter) {
        writer.write(Int64(bitPattern: account))
        writer.write(time)
        writer.write(invoiceDay)
        writer.write(outcome.rawValue)
        writer.write(reference)
    }

    package static func read(from reader: SpoolReader) throws(SpoolError) -> InvoiceObservation? {
        guard try reader.ensure(29) else { return nil }
        let account = UInt64(bitPattern: reader.readInt64())
        let time = reader.readInt64()
        let day = reader.readInt32()
        guard let outcome = InvoiceOutcome(rawValue: reader.readUInt8()) else { throw .spoolDamaged(path: reader.path) }
        return InvoiceObservation(account: account, invoiceDay: day, time: time, outcome: outcome, reference: reader.readInt64())
    }

    /// Account, then time, invoice day, outcome and reference: every field takes part, so the
    /// order is total and independent of the order observations arrived in.
    @inline(__always)
    package static func precedes(_ lhs: InvoiceObservation, _ rhs: InvoiceObservation) -> Bool {
        if lhs.account != rhs.account { return lhs.account < rhs.account }
        return precedesWithinAccount(lhs, rhs)
    }

    /// Sorts as ``precedes(_:_:)`` orders, through a permutation of 32-bit positions rather
    /// than by moving the 40-byte rows at every step of the sort.
    package static func sort(_ rows: inout [InvoiceObservation]) {
        guard rows.count > 1 else { return }
        var order = Array(0..<Int32(rows.count))
        rows.withUnsafeBufferPointer { rows in
            order.sort { left, right in precedes(rows[Int(left)], rows[Int(right)]) }
        }
        // The rows move into their order in place, one cycle of the permutation at a time:
        // a sorted copy would hold a second buffer of rows at the run's peak.
        for start in 0..<order.count where order[start] != Int32(start) {
            var position = start
            while true {
                let source = Int(order[position])
                order[position] = Int32(position)
                if source == start { break }
                rows.swapAt(position, source)
                position = source
            }
        }
    }

    package static func merge(runs: [SpoolReader], memory: [InvoiceObservation],
                              _ body: (InvoiceObservation) throws -> Void) throws {
        try mergeSorted(runs: runs, memory: memory, body)
    }

    /// ``precedes(_:_:)`` for two observations of the same account.
    private static func precedesWithinAccount(_ lhs: InvoiceObservation, _ rhs: InvoiceObservation) -> Bool {
        if lhs.time != rhs.time { return lhs.time < rhs.time }
        if lhs.invoiceDay != rhs.invoiceDay { return lhs.invoiceDay < rhs.invoiceDay }
        if lhs.outcome != rhs.outcome { return lhs.outcome.rawValue < rhs.outcome.rawValue }
        return lhs.reference < rhs.reference
    }
}
