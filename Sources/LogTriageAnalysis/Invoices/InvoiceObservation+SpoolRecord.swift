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
        return precedesWithinAccount(lhs, rhs)
    }

    /// Sorts as ``precedes(_:_:)`` orders, on keys made once per row: comparing the account
    /// strings themselves was most of the sort, and the stale-invoice judgement waits for it.
    /// An account's first 16 bytes are packed, zero-padded, into two integers that order as
    /// the bytes do, with its length beside them. Rows whose packed bytes tie compare their
    /// other fields directly when both accounts fit in 16 bytes (then equal bytes and equal
    /// lengths mean the same account, and a shorter one is a prefix that sorts first), and
    /// through ``precedes(_:_:)`` otherwise. The keys hold 24 bytes a row, half of what a row
    /// holds, for as long as the sort lasts.
    package static func sort(_ rows: inout [InvoiceObservation]) {
        guard rows.count > 1 else { return }
        let keys = rows.map(AccountKey.init)
        var order = Array(0..<Int32(rows.count))
        rows.withUnsafeBufferPointer { rows in
            keys.withUnsafeBufferPointer { keys in
                order.sort { left, right in
                    let leftKey = keys[Int(left)], rightKey = keys[Int(right)]
                    if leftKey.high != rightKey.high { return leftKey.high < rightKey.high }
                    if leftKey.low != rightKey.low { return leftKey.low < rightKey.low }
                    guard max(leftKey.length, rightKey.length) <= AccountKey.packedBytes else {
                        return precedes(rows[Int(left)], rows[Int(right)])
                    }
                    if leftKey.length != rightKey.length { return leftKey.length < rightKey.length }
                    return precedesWithinAccount(rows[Int(left)], rows[Int(right)])
                }
            }
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

    /// ``precedes(_:_:)`` for two observations of the same account.
    private static func precedesWithinAccount(_ lhs: InvoiceObservation, _ rhs: InvoiceObservation) -> Bool {
        if lhs.time != rhs.time { return lhs.time < rhs.time }
        if lhs.invoiceDay != rhs.invoiceDay { return lhs.invoiceDay < rhs.invoiceDay }
        if lhs.outcome != rhs.outcome { return lhs.outcome.rawValue < rhs.outcome.rawValue }
        return lhs.reference < rhs.reference
    }

    /// An account's first ``packedBytes`` bytes, big-endian and zero-padded, and its length.
    private struct AccountKey {
        static let packedBytes = 16
        var high: UInt64 = 0
        var low: UInt64 = 0
        var length: Int

        init(_ observation: InvoiceObservation) {
            var account = observation.account
            length = account.utf8.count
            var high: UInt64 = 0, low: UInt64 = 0
            account.withUTF8 { bytes in
                for index in 0..<Self.packedBytes {
                    let byte = index < bytes.count ? UInt64(bytes[index]) : 0
                    if index < 8 { high = high << 8 | byte } else { low = low << 8 | byte }
                }
            }
            self.high = high
            self.low = low
        }
    }
}
