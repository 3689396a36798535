import LogTriageBasics

/// The stale-invoice verdicts of a run: the failure references judged stale, in ascending
/// order, on disk.
///
/// Verdicts are known only after the last record, and only the stale-invoice stage can reach
/// them; every other stage whose figures count stale and recent failures apart asks this
/// store when it finishes, through a ``Cursor`` that walks the references in the same
/// ascending order the stage kept its own rows in. Memory holds one reference at a time.
package final class StaleVerdicts {
    private let spool: TemporarySpool
    /// Stale failures in the store.
    package private(set) var count = 0
    private var last: Int64 = .min
    private var sealed = false

    package init() throws(SpoolError) {
        spool = try TemporarySpool(purpose: "stale-verdicts")
    }

    /// Adds a stale failure; references must ascend.
    package func addStale(_ reference: Int64) throws(SpoolError) {
        precondition(!sealed && reference > last, "stale references are added once, in ascending order")
        last = reference
        count += 1
        spool.writer.write(reference)
        try spool.writer.endRow()
    }

    /// Ends the adding; after it, stages may take cursors on several threads at once.
    package func seal() throws(SpoolError) {
        guard !sealed else { return }
        try spool.writer.close()
        sealed = true
    }

    /// A fresh walk over the store; each stage takes its own.
    package func cursor() throws(SpoolError) -> Cursor {
        try seal()
        return Cursor(reader: try SpoolReader(path: spool.path))
    }

    /// Lets every stage finish with these verdicts, on up to `threads` threads: each walks its
    /// own rows with its own cursor, so the stages share nothing but the sealed store.
    package func finish(_ stages: [any RecordStage], threads: Int) throws {
        try seal()
        let parts = stages.flatMap { stage in (0..<stage.finishParts).map { (stage, $0) } }
        try forEachConcurrently(parts, threads: threads) { stage, part in try stage.finish(stale: self, part: part) }
    }

    /// Answers "is this failure stale?" for references asked in ascending order (the same
    /// reference may be asked again: a record counted in several windows).
    package struct Cursor {
        private let reader: SpoolReader
        private var next: Int64?
        private var exhausted = false

        init(reader: SpoolReader) {
            self.reader = reader
        }

        package mutating func isStale(_ reference: Int64) throws(SpoolError) -> Bool {
            while true {
                if next == nil {
                    guard !exhausted else { return false }
                    guard try reader.ensure(8) else {
                        exhausted = true
                        reader.close()
                        return false
                    }
                    next = reader.readInt64()
                }
                guard let candidate = next else { return false }
                if candidate >= reference { return candidate == reference }
                next = nil
            }
        }
    }
}

/// What one stage must change when a failure turns out stale: rows of a reference and up to
/// four numbers of the stage's own (a cluster, a window, name indices…), spooled in the order
/// the records came, which is ascending reference order.
package final class StaleFollowUps {
    package struct Row {
        package var reference: Int64
        package var values: (Int64, Int64, Int64, Int64)
    }

    private let spool: TemporarySpool
    package private(set) var count = 0

    package init(purpose: String) throws(SpoolError) {
        spool = try TemporarySpool(purpose: purpose)
    }

    package func append(_ reference: Int64, _ a: Int64, _ b: Int64 = 0, _ c: Int64 = 0, _ d: Int64 = 0) throws(SpoolError) {
        spool.writer.write(reference, a, b, c, d)
        count += 1
        try spool.writer.endRow()
    }

    /// Every row, in the order appended (for a partial run to write them down). Walks may run
    /// on several threads at once; no row may be appended after the first.
    package func forEach(_ body: (Row) throws -> Void) throws {
        let reader = try spool.reader()
        defer { reader.close() }
        while try reader.ensure(40) {
            try body(Row(reference: reader.readInt64(),
                         values: (reader.readInt64(), reader.readInt64(), reader.readInt64(), reader.readInt64())))
        }
    }

    /// Calls `body` with every row whose failure the verdicts judged stale, in order; the rows
    /// can be walked again.
    package func forEachStale(in verdicts: StaleVerdicts, _ body: (Row) throws -> Void) throws {
        var cursor = try verdicts.cursor()
        try forEach { row in
            if try cursor.isStale(row.reference) { try body(row) }
        }
    }
}
