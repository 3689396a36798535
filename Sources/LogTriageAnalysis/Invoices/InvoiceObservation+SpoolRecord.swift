import LogTriageBasics

/// Spool row layout: account length (Int32) and UTF-8 bytes, time (Int64), invoice day (Int32),
/// outcome (UInt8), reference (Int64).
extension InvoiceObservation: SpoolRecord {
    package func write(to writer: SpoolWriter) {
        var account = account
        account.withUTF8 { bytes in
            writer.write(Int32(bytes.count))
            writer.write(bytes)
        }
        writer.write(time)
        writer.write(invoiceDay)
        writer.write(outcome.rawValue)
        writer.write(reference)
    }

    package static func read(from reader: SpoolReader) throws(SpoolError) -> InvoiceObservation? {
        guard try reader.ensure(4) else { return nil }
        let length = Int(reader.readInt32())
        guard length >= 0, try reader.ensure(length + 21) else { throw .spoolDamaged(path: reader.path) }
        let account = reader.readString(count: length)
        let time = reader.readInt64()
        let day = reader.readInt32()
        guard let outcome = InvoiceOutcome(rawValue: reader.readUInt8()) else { throw .spoolDamaged(path: reader.path) }
        return InvoiceObservation(account: account, invoiceDay: day, time: time, outcome: outcome, reference: reader.readInt64())
    }

    /// Account bytes, then time, invoice day, outcome and reference: every field takes part, so
    /// the order is total and independent of the order observations arrived in.
    package static func precedes(_ lhs: InvoiceObservation, _ rhs: InvoiceObservation) -> Bool {
        let accountOrder = SpoolOrdering.compare(lhs.account, rhs.account)
        if accountOrder != 0 { return accountOrder < 0 }
        if lhs.time != rhs.time { return lhs.time < rhs.time }
        if lhs.invoiceDay != rhs.invoiceDay { return lhs.invoiceDay < rhs.invoiceDay }
        if lhs.outcome != rhs.outcome { return lhs.outcome.rawValue < rhs.outcome.rawValue }
        return lhs.reference < rhs.reference
    }

    package static func sort(_ rows: inout [InvoiceObservation]) {
        rows.sort(by: precedes)
    }
}
