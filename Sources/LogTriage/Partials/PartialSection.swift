import LogTriageBasics
import LogTriageAnalysis

/// One section of binary rows of a partial being written (``PartialFile``), gathered in a
/// temporary spool as its rows come and copied into the partial at the end.
///
/// The sections grow with the input: at 4.7 GB of the bench's week, 77 MB of dead-letter
/// events and 92 MB of alert rows. Held in memory until the partial was written, they (and
/// the arrays of rows they were encoded from) made `analyze --partial` peak at 392 MiB there
/// against 149 MiB at 1.2 GB, and 609 MiB against 310 MiB with `--alerts`.
final class PartialSection: DeadLetterJournal {
    private let spool: TemporarySpool
    private var row = PartialRowWriter()
    /// Rows appended, and their bytes: the section's header, written before them.
    private(set) var rows = 0
    private(set) var byteCount = 0

    /// `purpose` names the spool file (``TemporarySpool``).
    init(purpose: String) throws {
        spool = try TemporarySpool(purpose: purpose)
    }

    /// Appends the row `encode` writes.
    func append(_ encode: (inout PartialRowWriter) -> Void) throws {
        row.removeAll()
        encode(&row)
        spool.writer.write(row.bytes)
        try spool.writer.endRow()
        rows += 1
        byteCount += row.bytes.count
    }

    func append(_ event: PartialDeadLetterEvent) throws {
        try append { $0.deadLetterEvent(event) }
    }

    /// Writes the section to `writer`: its byte count and rows, then the rows.
    func write(to writer: GzipWriter) throws {
        var header = PartialRowWriter()
        header.integer(UInt64(byteCount))
        header.integer(UInt64(rows))
        try writer.write(header.bytes)
        try writeRows(to: writer)
    }

    /// Writes the rows alone, with no header: for rows the file counts its own way (the
    /// invoice observations).
    func writeRows(to writer: GzipWriter) throws {
        let reader = try spool.reader()
        defer { reader.close() }
        try reader.forEachChunk { try writer.write($0) }
    }
}

/// The five sections of binary rows of a partial, in the order of the file.
struct PartialSections {
    let deadLetterEvents: PartialSection
    let outcomeRows: PartialSection
    let clusterStaleRows: PartialSection
    let cubeCells: PartialSection
    let alertRows: PartialSection

    init() throws {
        deadLetterEvents = try PartialSection(purpose: "partial-dead-letters")
        outcomeRows = try PartialSection(purpose: "partial-outcomes")
        clusterStaleRows = try PartialSection(purpose: "partial-cluster-stale")
        cubeCells = try PartialSection(purpose: "partial-cube-cells")
        alertRows = try PartialSection(purpose: "partial-alert-rows")
    }

    /// The sections of a run whose rows are in memory (one read back from its file).
    init(of run: PartialRun) throws {
        try self.init()
        for event in run.deadLetterEvents { try deadLetterEvents.append(event) }
        for row in run.outcomeRows { try outcomeRows.append { $0.outcomeRow(row) } }
        for row in run.clusterStaleRows { try clusterStaleRows.append { $0.clusterStaleRow(row) } }
        for cell in run.alerts?.cells ?? [] { try cubeCells.append { $0.cubeCell(cell) } }
        for row in run.alerts?.rows ?? [] { try alertRows.append { $0.alertRow(row) } }
    }

    var inFileOrder: [PartialSection] { [deadLetterEvents, outcomeRows, clusterStaleRows, cubeCells, alertRows] }
}
