import Foundation

/// Feeds invoice loops to the `StaleInvoiceDetector` while a run reads, and applies its
/// verdicts at the end to every figure that counts stale and recent failures apart: the
/// clusters, the biller and service figures, and the assignments file's `stale` column.
///
/// The detector sorts on disk, so the verdicts do not depend on the order of files or
/// records; what each failure needs at the end (its cluster, biller, source, service, day
/// and assignments row) waits in a side spool written in the same order as the failures,
/// so memory holds only the distinct names, never the records.
final class StaleInvoiceStage {
    private let detector: StaleInvoiceDetector
    private let facts: OutputSink
    private let factsPath: String
    private var buffer: [UInt8] = []
    private var failures: Int64 = 0
    private var names = NameTable()

    /// One failure: assignments row (-1 for none), provisional cluster, service, biller and
    /// source names (indices, -1 for none) and UTC day (Int32.min for none).
    static let rowSize = 28

    init(loopGapMilliseconds: Int64) throws {
        let directory = NSTemporaryDirectory()
        detector = try StaleInvoiceDetector(loopGapMilliseconds: loopGapMilliseconds, temporaryDirectory: directory)
        factsPath = directory + "/logtriage-stale-facts-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        facts = try OutputSink(path: factsPath)
    }

    deinit { unlink(factsPath) }

    /// Observes a record when it belongs to an invoice loop (it has an account, an invoice
    /// date and a time); returns whether it did.
    func consume(_ facts: RecordFacts, placement: ErrorClusterer.Placement?, assignmentRow: Int?) throws -> Bool {
        guard let time = facts.time, let account = facts.accountId, !account.isEmpty,
              let invoiceDate = facts.invoiceDate, let day = InvoiceDate.day(invoiceDate) else { return false }
        let outcome: InvoiceOutcome
        switch facts.callOutcome {
        case .success: outcome = .success
        case .failure: outcome = placement?.invoiceState == true ? .invoiceStateFailure : .otherFailure
        }
        var reference: Int64 = -1
        if outcome != .success {
            reference = failures
            failures += 1
            try appendFacts(assignmentRow: assignmentRow ?? -1, cluster: placement?.provisional ?? -1,
                            service: names.index(facts.service), biller: names.index(facts.billerId),
                            source: names.index(facts.sourceId), day: Int32(UTCDay.of(time)))
        }
        try detector.observe(InvoiceObservation(account: Self.accountKey(service: facts.service, account: account),
                                                invoiceDay: day, time: time, outcome: outcome, reference: reference))
        return true
    }

    /// Loops are per service and account. The key is 60 bits of a hash in 15 hex digits: a
    /// string that short is stored inline, so the external sort compares it without touching
    /// the heap; two accounts would have to collide in 60 bits to share loops.
    static func accountKey(service: String, account: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in service.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01b3
        for byte in account.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let hex = String(hash >> 4, radix: 16)
        return String(repeating: "0", count: 15 - hex.count) + hex
    }

    /// Runs the detector and hands every stale failure's facts to `stale`.
    func finish(_ stale: (StaleFailure) throws -> Void) throws -> StaleInvoiceSummary {
        try flush()
        try facts.close()
        guard let reader = FileHandle(forReadingAtPath: factsPath) else {
            throw OutputError.cannotCreate(path: factsPath, errno: ENOENT)
        }
        defer { try? reader.close() }
        var pending = Data()
        var offset = 0
        var next: Int64 = 0
        return try detector.finish { reference, isStale in
            // Verdicts come in reference order, one per failure: read the facts in step.
            while next <= reference {
                if pending.count - offset < Self.rowSize {
                    pending = pending.suffix(from: pending.startIndex + offset) + reader.readData(ofLength: Self.rowSize * 4096)
                    offset = 0
                    guard pending.count >= Self.rowSize else { throw StaleInvoiceError.spoolDamaged(path: factsPath) }
                }
                let row = pending.withUnsafeBytes { raw in Self.decode(raw, at: offset) }
                offset += Self.rowSize
                if next == reference && isStale {
                    try stale(StaleFailure(assignmentRow: row.assignmentRow, cluster: row.cluster,
                                           service: names.name(row.service) ?? RecordFacts.noService,
                                           billerId: names.name(row.biller), sourceId: names.name(row.source),
                                           day: row.day == Int32.min ? nil : Int(row.day)))
                }
                next += 1
            }
        }
    }

    private func appendFacts(assignmentRow: Int, cluster: Int, service: Int32, biller: Int32, source: Int32,
                             day: Int32) throws {
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) } }
        put(Int64(assignmentRow))
        put(Int32(cluster))
        put(service)
        put(biller)
        put(source)
        put(day)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { try facts.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private static func decode(_ raw: UnsafeRawBufferPointer, at offset: Int)
        -> (assignmentRow: Int, cluster: Int, service: Int32, biller: Int32, source: Int32, day: Int32) {
        (Int(raw.loadUnaligned(fromByteOffset: offset, as: Int64.self).littleEndian),
         Int(raw.loadUnaligned(fromByteOffset: offset + 8, as: Int32.self).littleEndian),
         raw.loadUnaligned(fromByteOffset: offset + 12, as: Int32.self).littleEndian,
         raw.loadUnaligned(fromByteOffset: offset + 16, as: Int32.self).littleEndian,
         raw.loadUnaligned(fromByteOffset: offset + 20, as: Int32.self).littleEndian,
         raw.loadUnaligned(fromByteOffset: offset + 24, as: Int32.self).littleEndian)
    }
}

/// A failure the detector judged stale, with what the figures need to move it.
struct StaleFailure {
    let assignmentRow: Int
    let cluster: Int
    let service: String
    let billerId: String?
    let sourceId: String?
    let day: Int?
}

/// Interned names (services, billers, sources): bounded by the distinct values.
struct NameTable {
    private var indices: [String: Int32] = [:]
    private var names: [String] = []

    mutating func index(_ name: String?) -> Int32 {
        guard let name else { return -1 }
        if let known = indices[name] { return known }
        let index = Int32(names.count)
        names.append(name)
        indices[name] = index
        return index
    }

    func name(_ index: Int32) -> String? { index >= 0 ? names[Int(index)] : nil }
}
