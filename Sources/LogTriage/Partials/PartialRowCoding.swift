import LogTriageBasics
import LogTriageIngest
import LogTriageModel
import LogTriageAnalysis
import LogTriageAlerts

/// Little-endian binary rows for the parts of a partial that grow with the input (invoice
/// observations and failures, dead-letter events): JSON would cost the merge most of its time.
struct PartialRowWriter {
    private(set) var bytes: [UInt8] = []

    mutating func integer<Value: FixedWidthInteger>(_ value: Value) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            integer(Int32(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optionalString(_ text: String?) {
        if let text { string(text) } else { integer(Int32(-1)) }
    }

    mutating func optionalInteger(_ value: Int64?) {
        integer(UInt8(value == nil ? 0 : 1))
        integer(value ?? 0)
    }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    mutating func observation(_ observation: InvoiceObservation) {
        integer(observation.account)
        integer(observation.time)
        integer(observation.invoiceDay)
        integer(observation.outcome.rawValue)
        integer(observation.reference)
    }

    mutating func deadLetterEvent(_ row: PartialDeadLetterEvent) {
        let event = row.event, evidence = event.evidence
        integer(Int64(row.file))
        integer(row.ordinal)
        string(event.service)
        optionalInteger(event.time)
        optionalInteger(event.messageKey.map { Int64(bitPattern: $0) })
        optionalInteger(event.traceKey.map { Int64(bitPattern: $0) })
        integer(UInt8((event.isError ? 1 : 0) | (event.isWarning ? 2 : 0) | (evidence.isDeadLetter ? 4 : 0)
            | (evidence.isRetry ? 8 : 0)))
        integer(Int8(event.category.flatMap { PartialRowReader.categories.firstIndex(of: $0) } ?? -1))
        integer(Int8(event.retryable.map { $0 ? 1 : 0 } ?? -1))
        optionalInteger(evidence.retryCount.map(Int64.init))
        optionalString(evidence.messageId)
        optionalString(event.message)
    }

    mutating func outcomeRow(_ row: PartialOutcomeRow) {
        integer(row.reference)
        integer(row.service)
        integer(row.biller)
        integer(row.source)
        optionalInteger(row.day.map(Int64.init))
    }

    mutating func clusterStaleRow(_ row: PartialClusterStaleRow) {
        integer(row.reference)
        integer(Int64(row.provisional))
    }

    mutating func cubeCell(_ cell: SignalCube.ExportedCell) {
        integer(cell.windowStart)
        string(cell.service)
        for text in [cell.serviceAttribute, cell.billerId, cell.sourceId, cell.errorClass, cell.endpoint, cell.queue] {
            optionalString(text)
        }
        for small in [cell.category, cell.severity, cell.duration, cell.stale ? 1 : 0, cell.endpointAttribute, cell.queueAttribute] {
            integer(small)
        }
        integer(Int64(cell.count))
    }

    mutating func alertRow(_ row: AlertStage.Snapshot.Row) {
        integer(row.reference)
        integer(Int64(row.condition))
        optionalString(row.facet)
        integer(row.window)
        integer(Int64(row.category))
        integer(Int64(row.cell))
        integer(Int64(row.provisional))
    }

    mutating func assignmentRow(_ row: PartialAssignmentRow) {
        let (kind, number) = row.position.kindAndNumber
        integer(UInt32(row.file))
        integer(kind)
        integer(number)
        integer(UInt32(row.provisional))
        integer(row.invoiceFailure ?? -1)
    }
}

/// Reads what ``PartialRowWriter`` wrote, a section at a time, from the partial's gzip stream
/// or from a spool a merge copied a section into (``PartialSpooledSection``).
struct PartialRowReader {
    /// A category is written as its place in this list; `Category.allCases` built the list
    /// anew on every call, twice per dead-letter event read.
    static let categories = Category.allCases

    enum Source {
        case gzip(GzipFileReader)
        case spool(SpoolReader)

        func read(upTo count: Int) throws(PartialSectionError) -> [UInt8] {
            switch self {
            case let .gzip(reader):
                do { return try reader.read(upTo: count) } catch { throw .gzip(error) }
            case let .spool(reader):
                do { return try reader.bytes(upTo: count) } catch { throw .spool(error) }
            }
        }
    }

    private let source: Source
    private var buffer: [UInt8] = []
    private var offset = 0
    /// Bytes of the section not yet in the buffer; nil when the section runs to the end of
    /// the stream (then ``remainder()`` gives what follows the last row read).
    private var unread: Int?

    init(_ reader: GzipFileReader, sectionBytes: Int?) {
        self.init(.gzip(reader), sectionBytes: sectionBytes)
    }

    init(_ source: Source, sectionBytes: Int?) {
        self.source = source
        unread = sectionBytes
    }

    /// Whether every byte of the section was read.
    var isAtEnd: Bool { offset == buffer.count && unread == 0 }

    /// Makes sure `count` bytes are buffered; called for every number read, so the common
    /// case (they are) is inlined and the refill is not.
    @inline(__always)
    private mutating func ensure(_ count: Int) throws(PartialSectionError) {
        if buffer.count - offset < count { try refill(count) }
    }

    @inline(never)
    private mutating func refill(_ count: Int) throws(PartialSectionError) {
        let missing = count - (buffer.count - offset)
        if let unread, missing > unread { throw .overrun }
        let chunk = min(unread ?? .max, max(missing, 1 << 16))
        let more = try source.read(upTo: chunk)
        guard more.count >= missing else { throw .overrun }
        buffer.removeFirst(offset)
        offset = 0
        buffer.append(contentsOf: more)
        unread = unread.map { $0 - more.count }
    }

    /// The bytes after the last row read, to the end of the stream (a section without length).
    mutating func remainder(upTo count: Int) throws(PartialSectionError) -> [UInt8] {
        var rest = Array(buffer[offset...])
        offset = buffer.count
        if rest.count < count {
            rest += try source.read(upTo: count - rest.count)
        }
        return rest
    }

    mutating func integer<Value: FixedWidthInteger>(_ type: Value.Type) throws(PartialSectionError) -> Value {
        let size = MemoryLayout<Value>.size
        try ensure(size)
        let value = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: Value.self) }
        offset += size
        return Value(littleEndian: value)
    }

    mutating func optionalString() throws(PartialSectionError) -> String? {
        let length = Int(try integer(Int32.self))
        guard length >= 0 else { return nil }
        guard length <= 1 << 24 else { throw .overrun }
        try ensure(length)
        let start = offset
        let text = buffer.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<(start + length)]), as: UTF8.self) }
        offset += length
        return text
    }

    mutating func string() throws(PartialSectionError) -> String {
        guard let text = try optionalString() else { throw .overrun }
        return text
    }

    mutating func optionalInteger() throws(PartialSectionError) -> Int64? {
        let present = try integer(UInt8.self)
        let value = try integer(Int64.self)
        return present == 0 ? nil : value
    }

    mutating func observation() throws(PartialSectionError) -> InvoiceObservation {
        let account = try integer(UInt64.self)
        let time = try integer(Int64.self)
        let day = try integer(Int32.self)
        guard let outcome = InvoiceOutcome(rawValue: try integer(UInt8.self)) else { throw .overrun }
        return InvoiceObservation(account: account, invoiceDay: day, time: time, outcome: outcome, reference: try integer(Int64.self))
    }

    mutating func deadLetterEvent() throws(PartialSectionError) -> PartialDeadLetterEvent {
        let file = Int(try integer(Int64.self))
        let ordinal = try integer(Int64.self)
        let service = try string()
        let time = try optionalInteger()
        let messageKey = try optionalInteger().map { UInt64(bitPattern: $0) }
        let traceKey = try optionalInteger().map { UInt64(bitPattern: $0) }
        let flags = try integer(UInt8.self)
        let category = Int(try integer(Int8.self))
        let retryable = try integer(Int8.self)
        let retryCount = try optionalInteger()
        let messageId = try optionalString()
        let message = try optionalString()
        guard category < Self.categories.count else { throw .overrun }
        let evidence = RetryEvidence(isDeadLetter: flags & 4 != 0, isRetry: flags & 8 != 0,
                                     retryCount: retryCount.map { Int($0) }, messageId: messageId)
        let event = DeadLetterEvent(service: service, time: time, messageKey: messageKey, traceKey: traceKey, isError: flags & 1 != 0,
                                    isWarning: flags & 2 != 0, category: category < 0 ? nil : Self.categories[category],
                                    retryable: retryable < 0 ? nil : retryable == 1, evidence: evidence, message: message)
        return PartialDeadLetterEvent(file: file, ordinal: ordinal, event: event)
    }

    mutating func outcomeRow() throws(PartialSectionError) -> PartialOutcomeRow {
        PartialOutcomeRow(reference: try integer(Int64.self), service: try integer(Int32.self), biller: try integer(Int32.self),
                          source: try integer(Int32.self), day: try optionalInteger().map { Int($0) })
    }

    mutating func clusterStaleRow() throws(PartialSectionError) -> PartialClusterStaleRow {
        PartialClusterStaleRow(reference: try integer(Int64.self), provisional: Int(try integer(Int64.self)))
    }

    mutating func cubeCell() throws(PartialSectionError) -> SignalCube.ExportedCell {
        let windowStart = try integer(Int64.self)
        let service = try string()
        var texts: [String?] = []
        for _ in 0..<6 { texts.append(try optionalString()) }
        var smalls: [Int8] = []
        for _ in 0..<6 { smalls.append(try integer(Int8.self)) }
        guard smalls[3] == 0 || smalls[3] == 1 else { throw .overrun }
        return SignalCube.ExportedCell(
            windowStart: windowStart, service: service, serviceAttribute: texts[0], billerId: texts[1], sourceId: texts[2],
            errorClass: texts[3], category: smalls[0], severity: smalls[1], duration: smalls[2], stale: smalls[3] == 1,
            endpointAttribute: smalls[4], endpoint: texts[4], queueAttribute: smalls[5], queue: texts[5],
            count: Int(try integer(Int64.self)))
    }

    mutating func alertRow() throws(PartialSectionError) -> AlertStage.Snapshot.Row {
        AlertStage.Snapshot.Row(reference: try integer(Int64.self), condition: Int(try integer(Int64.self)),
                                facet: try optionalString(), window: try integer(Int64.self),
                                category: Int(try integer(Int64.self)), cell: Int(try integer(Int64.self)),
                                provisional: Int(try integer(Int64.self)))
    }

    mutating func assignmentRow() throws(PartialSectionError) -> PartialAssignmentRow {
        let file = Int(try integer(UInt32.self))
        guard let position = RecordPosition(kind: try integer(UInt8.self), number: try integer(Int64.self)) else {
            throw .overrun
        }
        let provisional = Int(try integer(UInt32.self))
        let failure = try integer(Int64.self)
        return PartialAssignmentRow(file: file, position: position, provisional: provisional,
                                    invoiceFailure: failure < 0 ? nil : failure)
    }
}

enum PartialSectionError: Error {
    case overrun
    case gzip(GzipReadError)
    case spool(SpoolError)
}
