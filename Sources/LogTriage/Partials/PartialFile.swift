import Foundation
import LogTriageBasics
import LogTriageAnalysis

/// The file a partial is stored in: one gzip member (compressed, and checksummed by its
/// CRC-32 and length) holding
///
///     logtriage-partial\n
///     header     UInt64 length, JSON {format, version}: checked before the rest is read
///     document   UInt64 length, the ``PartialRun`` as JSON
///     5 sections UInt64 length, UInt64 rows, binary rows: dead-letter events, outcome rows,
///                cluster stale rows, the alert stage's cube cells and failure rows
///                (``PartialRowWriter``)
///     UInt64 observations, then the invoice observations, binary
///     with --keep-assignments: UInt64 rows, then the assignment rows, binary
///     end\n
///
/// A damaged or truncated file fails the checksum or the end mark and is refused whole.
enum PartialFile {
    static let magic = Array("logtriage-partial\n".utf8)
    static let endMark = Array("end\n".utf8)
    /// An empty window's minimum is +∞ and its maximum −∞: JSON has no such numbers.
    static let floats = JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
        positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")

    /// Writes `run` with its rows in memory (one read back from its file), as
    /// ``write(_:sections:to:observations:assignments:)`` does.
    static func write(_ run: PartialRun, to path: String,
                      observations: ((InvoiceObservation) throws -> Void) throws -> Void,
                      assignments: ((PartialAssignmentRow) throws -> Void) throws -> Void) throws {
        try write(run, sections: try PartialSections(of: run), to: path, observations: observations, assignments: assignments)
    }

    /// Writes `run`, its rows `sections`, and the observations `observations` hands over
    /// (exactly `run.observations` of them) to `path`, atomically: a temporary file renamed
    /// into place. The rows in `run` itself are not written.
    static func write(_ run: PartialRun, sections: PartialSections, to path: String,
                      observations: ((InvoiceObservation) throws -> Void) throws -> Void,
                      assignments: ((PartialAssignmentRow) throws -> Void) throws -> Void) throws {
        try withoutActuallyEscaping(observations) { observations in
            try write(run, sections: sections, to: path, observations: .handedOver(observations), assignments: assignments)
        }
    }

    /// Where the invoice observations of a partial being written come from.
    enum Observations {
        /// Handed over one at a time, in sort order, when the file reaches them.
        case handedOver(((InvoiceObservation) throws -> Void) throws -> Void)
        /// Already encoded, in sort order, in a section's spool (whose own header is not
        /// written: the file counts observations its own way).
        case encoded(PartialSection)
    }

    static func write(_ run: PartialRun, sections: PartialSections, to path: String, observations: Observations,
                      assignments: ((PartialAssignmentRow) throws -> Void) throws -> Void) throws {
        let temporary = path + ".partial-\(getpid())"
        TemporaryFiles.shared.trackFile(temporary)
        defer {
            unlink(temporary)
            TemporaryFiles.shared.forget(temporary)
        }
        // ISA-L's level 1: the file is deflated on one core after the read, where zlib's
        // default level 6 spent about a second of the bench week's run and its level 1 about
        // half a second; ISA-L writes a file about 3% larger than zlib's level 1 in a sixth of
        // the time.
        let writer = try GzipWriter(path: temporary, compressor: .isalFastest)
        try writer.write(magic)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = floats
        for block in [try encoder.encode(Identity(format: run.format, version: run.version)), try encoder.encode(run)] {
            var length = PartialRowWriter()
            length.integer(UInt64(block.count))
            try writer.write(length.bytes)
            try writer.write([UInt8](block))
        }
        for section in sections.inFileOrder { try section.write(to: writer) }
        var rows = PartialRowWriter()
        func flushed() throws {
            if rows.bytes.count >= 1 << 16 {
                try writer.write(rows.bytes)
                rows.removeAll()
            }
        }
        rows.integer(UInt64(run.observations))
        var written = 0
        switch observations {
        case let .handedOver(observations):
            try observations { observation in
                rows.observation(observation)
                written += 1
                try flushed()
            }
        case let .encoded(section):
            try writer.write(rows.bytes)
            rows.removeAll()
            try section.writeRows(to: writer)
            written = section.rows
        }
        precondition(written == run.observations, "a partial's observation count is written before its observations")
        if let count = run.assignments {
            rows.integer(UInt64(count))
            written = 0
            try assignments { row in
                rows.assignmentRow(row)
                written += 1
                try flushed()
            }
            precondition(written == count, "a partial's assignment count is written before its rows")
        }
        try writer.write(rows.bytes)
        try writer.write(endMark)
        try writer.close()
        guard rename(temporary, path) == 0 else {
            throw PartialError.unwritable(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Reads the partial at `path` whole, its rows in memory (a partial read back, to be
    /// checked or written again), and checks the rest of the file (its checksum).
    static func read(_ path: String) throws -> PartialRun {
        var (run, rows, tail) = try open(path)
        run.deadLetterEvents = try rows.deadLetterEvents.all { try $0.deadLetterEvent() }
        run.outcomeRows = try rows.outcomeRows.all { try $0.outcomeRow() }
        run.clusterStaleRows = try rows.clusterStaleRows.all { try $0.clusterStaleRow() }
        if run.alerts != nil {
            run.alerts?.cells = try rows.cubeCells.all { try $0.cubeCell() }
            run.alerts?.rows = try rows.alertRows.all { try $0.alertRow() }
        }
        try tail.finish()
        return run
    }

    /// Reads the document of the partial at `path`, copies its sections to spools
    /// (``PartialSpooledRows``: the rows and cube cells of a run stay out of its ``PartialRun``),
    /// and returns them with the rest of the file, its ``Tail``, still to read: a merge reads
    /// each partial once.
    static func open(_ path: String) throws -> (PartialRun, PartialSpooledRows, Tail) {
        try guarded(path) {
            let (reader, length) = try openDocument(path)
            let run = try decode(try reader.read(count: length), path: path)
            let deadLetterEvents = try PartialSpooledSection(copying: reader, path: path, purpose: "merge-dead-letters")
            let outcomeRows = try PartialSpooledSection(copying: reader, path: path, purpose: "merge-outcomes")
            let clusterStaleRows = try PartialSpooledSection(copying: reader, path: path, purpose: "merge-cluster-stale")
            let cubeCells = try PartialSpooledSection(copying: reader, path: path, purpose: "merge-cube-cells")
            let alertRows = try PartialSpooledSection(copying: reader, path: path, purpose: "merge-alert-rows")
            if let alerts = run.alerts {
                guard cubeCells.rows == alerts.cellFirstFiles.count else {
                    throw PartialError.damaged(path: path, reason: "it holds \(cubeCells.rows) cube cells for \(alerts.cellFirstFiles.count) first files")
                }
            } else {
                guard cubeCells.rows == 0 && alertRows.rows == 0 else {
                    throw PartialError.damaged(path: path, reason: "it holds alert rows but no alert state")
                }
            }
            let rows = PartialSpooledRows(deadLetterEvents: deadLetterEvents, outcomeRows: outcomeRows,
                                          clusterStaleRows: clusterStaleRows, cubeCells: cubeCells, alertRows: alertRows)
            return (run, rows, try Tail(path: path, reader: reader, assignments: run.assignments))
        }
    }

    /// Opens the partial at `path` past its magic line and header: the reader is at the
    /// document, whose length is returned.
    private static func openDocument(_ path: String) throws -> (GzipFileReader, Int) {
        let reader: GzipFileReader
        do {
            reader = try GzipFileReader(path: path)
            let start = try reader.read(count: magic.count)
            if start != magic {
                // Damaged, or intact gzip of something else: only the checksum tells.
                try reader.skipToEnd()
                throw PartialError.notAPartial(path: path)
            }
        } catch let error as GzipReadError {
            guard case .damaged = error else { throw PartialError.unreadable(path: path) }
            // A file that is not gzip at all is not a partial; one that is, but is damaged, is.
            let handle = FileHandle(forReadingAtPath: path)
            defer { try? handle?.close() }
            if (try? handle?.read(upToCount: 2)) != Data([0x1F, 0x8B]) { throw PartialError.notAPartial(path: path) }
            throw PartialError.damaged(path: path, reason: "\(error)")
        }
        var identityHeader = PartialRowReader(reader, sectionBytes: 8)
        let identityLength = try identityHeader.integer(UInt64.self)
        guard identityLength <= 1 << 16 else { throw PartialError.damaged(path: path, reason: "its header length is \(identityLength)") }
        guard let identity = try? JSONDecoder().decode(Identity.self, from: Data(try reader.read(count: Int(identityLength)))) else {
            throw PartialError.damaged(path: path, reason: "its header cannot be read")
        }
        guard identity.format == PartialRun.currentFormat else {
            throw PartialError.otherFormat(path: path, format: identity.format)
        }
        guard identity.version == LogTriageVersion.description else {
            throw PartialError.otherVersion(path: path, version: identity.version, expected: LogTriageVersion.description)
        }
        var header = PartialRowReader(reader, sectionBytes: 8)
        let length = try header.integer(UInt64.self)
        guard length <= 1 << 34 else { throw PartialError.damaged(path: path, reason: "its document length is \(length)") }
        return (reader, Int(length))
    }

    /// Runs `body`, a read of the partial at `path`, telling a damaged stream as such.
    static func guarded<Value>(_ path: String, _ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let error as GzipReadError {
            throw PartialError.damaged(path: path, reason: "\(error)")
        } catch let error as PartialSectionError {
            switch error {
            case .overrun: throw PartialError.damaged(path: path, reason: "its rows cannot be read")
            case let .gzip(error): throw PartialError.damaged(path: path, reason: "\(error)")
            case let .spool(error): throw error
            }
        }
    }

    /// The rows that follow a partial's document and sections, read in their order: the
    /// invoice observations, then the assignment rows, then the end mark is checked. The
    /// merge holds one per part open at once, to merge the parts' observations (each part's
    /// in sort order) and interleave their assignment rows. A tail is read by one thread at a
    /// time: the one that opened it hands it over whole (hence `@unchecked Sendable`).
    final class Tail: @unchecked Sendable {
        let path: String
        private let reader: GzipFileReader
        private var rows: PartialRowReader
        private let assignments: Int?
        private var observationsLeft: UInt64 = 0
        private var assignmentsLeft: UInt64 = 0
        private var readingObservations = true

        /// The rest of the partial at `path`, whose document said `assignments`, from `reader`
        /// at its observations.
        fileprivate init(path: String, reader: GzipFileReader, assignments: Int?) throws {
            self.path = path
            self.reader = reader
            self.assignments = assignments
            rows = PartialRowReader(reader, sectionBytes: nil)
            observationsLeft = try guarded(path) { try rows.integer(UInt64.self) }
        }

        /// The next invoice observation, nil after the last.
        func nextObservation() throws -> InvoiceObservation? {
            precondition(readingObservations, "observations come before the assignment rows")
            guard observationsLeft > 0 else { return nil }
            observationsLeft -= 1
            return try guarded(path) { try rows.observation() }
        }

        /// The next assignment row, nil after the last; the observations are passed over first.
        func nextAssignment() throws -> PartialAssignmentRow? {
            if readingObservations {
                while try nextObservation() != nil {}
                readingObservations = false
                if let assignments {
                    assignmentsLeft = try guarded(path) { try rows.integer(UInt64.self) }
                    guard assignmentsLeft == UInt64(assignments) else {
                        throw PartialError.damaged(path: path, reason: "it holds \(assignmentsLeft) assignment rows, not \(assignments)")
                    }
                }
            }
            guard assignmentsLeft > 0 else { return nil }
            assignmentsLeft -= 1
            return try guarded(path) { try rows.assignmentRow() }
        }

        /// Passes over what is left and checks that the rows end where the end mark and the
        /// checksum say.
        func finish() throws {
            while try nextAssignment() != nil {}
            try guarded(path) {
                guard try rows.remainder(upTo: endMark.count + 1) == endMark else {
                    throw PartialError.damaged(path: path, reason: "its end mark is missing")
                }
                try reader.expectEnd()
            }
        }
    }

    /// What the partial is, read before the rest.
    private struct Identity: Codable {
        var format: Int
        var version: String
    }

    private static func decode(_ document: [UInt8], path: String) throws -> PartialRun {
        let run: PartialRun
        do {
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(
                positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")
            run = try decoder.decode(PartialRun.self, from: Data(document))
        } catch {
            throw PartialError.damaged(path: path, reason: "its document cannot be read: \(error)")
        }
        guard run.format == PartialRun.currentFormat else { throw PartialError.otherFormat(path: path, format: run.format) }
        return run
    }

    /// The header of the section at `reader`'s place: its bytes and rows, checked to be sane.
    static func sectionHeader(_ reader: GzipFileReader, path: String) throws -> (bytes: Int, rows: Int) {
        var header = PartialRowReader(reader, sectionBytes: 16)
        let bytes = try header.integer(UInt64.self), count = try header.integer(UInt64.self)
        guard bytes <= 1 << 40, count <= bytes else { throw PartialError.damaged(path: path, reason: "a section of \(count) rows in \(bytes) bytes") }
        return (Int(bytes), Int(count))
    }
}
