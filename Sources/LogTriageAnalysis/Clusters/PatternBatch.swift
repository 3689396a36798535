import LogTriageIngest

/// What `logtriage patterns` needs of consecutive records, copied out of the reading thread's
/// buffers so that another thread can mine them: each record's cluster text, level, service,
/// time and place. The cluster text is copied before its status is masked
/// (``ClusterMessage/withFirstLine(of:_:)``) and masked as the batch is read, on the mining
/// thread: with two jobs the reading thread bounds the run.
///
/// The texts sit end to end in one byte array, so a batch costs a few allocations, not a few
/// per record.
package struct PatternBatch: Sendable {
    /// One record; its texts are `bytes[start..<textEnd]`, `[textEnd..<levelEnd]` and
    /// `[levelEnd..<serviceEnd]`.
    struct Item: Sendable {
        var textEnd: Int
        var levelEnd: Int
        var serviceEnd: Int
        var hasLevel: Bool
        var hasService: Bool
        var time: Int64?
        var file: Int
        var position: RecordPosition
    }

    /// The batch's place in read order: template journals name batches by it.
    package let sequence: Int
    /// The read-order number of the batch's first record.
    package let firstOrdinal: Int64
    private var bytes: [UInt8] = []
    private var items: [Item] = []

    package init(sequence: Int, firstOrdinal: Int64, capacity: Int) {
        self.sequence = sequence
        self.firstOrdinal = firstOrdinal
        items.reserveCapacity(capacity)
        bytes.reserveCapacity(capacity * 160)
    }

    package var count: Int { items.count }

    /// Copies what the miner and the pattern's figures read of `record`, read from `file`.
    package mutating func append(_ record: RecordView, file: Int) {
        ClusterMessage.withFirstLine(of: record) { bytes.append(contentsOf: $0) }
        let textEnd = bytes.count
        let level = record.level
        if let level { bytes.append(contentsOf: level.utf8) }
        let levelEnd = bytes.count
        let service = record.value(.service)
        if let service { bytes.append(contentsOf: service.bytes) }
        items.append(Item(textEnd: textEnd, levelEnd: levelEnd, serviceEnd: bytes.count, hasLevel: level != nil,
                          hasService: service != nil, time: record.timestampMilliseconds, file: file,
                          position: record.position))
    }

    /// Calls `body` with each record in order, its texts valid only during the call.
    package func forEach(_ body: (PatternRecord) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { all in
            var start = 0
            for (index, item) in items.enumerated() {
                func slice(_ from: Int, _ to: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: all[from..<to]) }
                try ClusterMessage.withStatusMasked(slice(start, item.textEnd)) { text in
                    try body(PatternRecord(
                        text: text,
                        level: item.hasLevel ? String(decoding: slice(item.textEnd, item.levelEnd), as: UTF8.self) : nil,
                        service: item.hasService ? String(decoding: slice(item.levelEnd, item.serviceEnd), as: UTF8.self) : nil,
                        time: item.time, ordinal: firstOrdinal + Int64(index), file: item.file, position: item.position))
                }
                start = item.serviceEnd
            }
        }
    }
}

/// One record as the pattern collector reads it: its cluster text (``ClusterMessage``), level,
/// service and time, and where it was read.
package struct PatternRecord {
    package let text: UnsafeBufferPointer<UInt8>
    package let level: String?
    package let service: String?
    package let time: Int64?
    /// The record's number in read order, which decides the names a pattern lists first.
    package let ordinal: Int64
    package let file: Int
    package let position: RecordPosition
}
