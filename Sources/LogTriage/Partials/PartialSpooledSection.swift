import LogTriageBasics

/// One section of a partial being merged whose rows grow with the input (dead-letter events,
/// invoice failures, alert rows): copied out of the partial into a spool while the partial is
/// read, then read back a row at a time, merged k ways with the other parts' in the merged
/// read order.
///
/// Decoded into memory instead, the rows of every part were held at once: merging the one
/// partial of the bench week peaked at 111 MiB at 1.2 GB of JSON and 300 MiB at 4.7 GB, and
/// at 263 and 523 MiB with `--alerts`.
final class PartialSpooledSection: @unchecked Sendable {
    /// The partial's path: a row that cannot be read is its damage.
    let path: String
    let rows: Int
    private let bytes: Int
    private let spool: TemporarySpool

    /// Copies the section at `reader`'s place in the partial at `path`: its header (bytes and
    /// rows), then its bytes.
    init(copying reader: GzipFileReader, path: String, purpose: String) throws {
        let (bytes, count) = try PartialFile.sectionHeader(reader, path: path)
        spool = try TemporarySpool(purpose: purpose)
        var left = bytes
        while left > 0 {
            let chunk = try reader.read(count: min(left, 1 << 16))
            spool.writer.write(chunk)
            try spool.writer.endRow()
            left -= chunk.count
        }
        // Closed until the merge reads it: a merge of many partials would otherwise hold five
        // files open per partial besides the partial itself.
        try spool.seal()
        self.path = path
        self.bytes = bytes
        rows = count
    }

    /// The section's rows in their order, one per call, nil after the last; `decode` reads
    /// one. A row that cannot be read, or a section longer than its rows, is the partial's damage.
    func cursor<Row>(_ decode: @escaping (inout PartialRowReader) throws -> Row) throws -> () throws -> Row? {
        let reader = try spool.reader()
        var body = PartialRowReader(.spool(reader), sectionBytes: bytes)
        var left = rows
        let path = self.path
        return {
            try PartialFile.guarded(path) {
                guard left > 0 else {
                    guard body.isAtEnd else { throw PartialError.damaged(path: path, reason: "a section is longer than its rows") }
                    reader.close()
                    return nil
                }
                left -= 1
                return try decode(&body)
            }
        }
    }

    /// Every row, in order (a partial read back whole).
    func all<Row>(_ decode: @escaping (inout PartialRowReader) throws -> Row) throws -> [Row] {
        let next = try cursor(decode)
        var found: [Row] = []
        found.reserveCapacity(rows)
        while let row = try next() { found.append(row) }
        return found
    }
}

/// The sections of one partial that a merge reads from spools: every one.
struct PartialSpooledRows: Sendable {
    let deadLetterEvents: PartialSpooledSection
    let outcomeRows: PartialSpooledSection
    let clusterStaleRows: PartialSpooledSection
    let cubeCells: PartialSpooledSection
    let alertRows: PartialSpooledSection
}
