/// Reads one decompressed input into records, accounting for every line.
///
/// The framing is detected from the content: JSON lines, or whole JSON documents (an array
/// of records, a Log API payload array, a historical export, one object, or objects back to
/// back) streamed element by element. Every line or element ends up as records or as a
/// counted skip; damage is reported as it is found.
public final class InputReader {
    public let parser: RecordParser
    public let maxLineBytes: Int

    public init(parser: RecordParser, maxLineBytes: Int) {
        self.parser = parser
        self.maxLineBytes = maxLineBytes
    }

    /// `refused`: the file is not UTF-8 (UTF-16 or UTF-32); it is read to its end, unparsed.
    private enum Mode { case undecided, lines, document, refused }

    /// Everything `read` updates while it goes through one file.
    private struct ReadState {
        var report: FileIngestReport
        var days = RecordDayTally()
        var mode = Mode.undecided
        var lines: LineFramer
        var document: DocumentFramer
        var elementIndex = 0
        var recordsBeforeChunk = 0
        var pending = ScratchBuffer(capacity: 0)
        var pendingCount = 0
        var pendingAtLastDecision = 0
        /// The JSON text being parsed: what an incident event is handed over as.
        var text: UnsafeRawBufferPointer?
        /// Set when the caller asked to stop: nothing more is parsed or counted.
        var stopped = false
    }

    /// Reads `stream` to its end, calling `body` for each record and `damage` for each
    /// skipped or repaired place. `path` is the name used in reports.
    ///
    /// A New Relic `NrAiIncident` event (an NRQL export of incidents among the log files) is
    /// not a log record: it is counted apart and its JSON text handed to `incidentEvent`,
    /// valid only during the call.
    public func read(_ stream: DecodedInputStream, path: String, progress: IngestProgress? = nil,
                     body: (RecordView) -> Void, incidentEvent: (UnsafeRawBufferPointer) -> Void = { _ in },
                     damage: (DamagedPlace) -> Void) -> FileIngestReport {
        read(stream, path: path, progress: progress, until: { body($0); return true }, incidentEvent: incidentEvent,
             damage: damage).report
    }

    /// The same, for a caller that may have to stop: `body` returns false to end the read at
    /// that record (a stage failed; what follows would be counted for nothing). The stream is
    /// cancelled and `stopped` is true; the report then covers only what was read.
    public func read(_ stream: DecodedInputStream, path: String, progress: IngestProgress? = nil,
                     until body: (RecordView) -> Bool, incidentEvent: (UnsafeRawBufferPointer) -> Void = { _ in },
                     damage: (DamagedPlace) -> Void) -> (report: FileIngestReport, stopped: Bool) {
        // Per-file state sits behind a pointer: the closures below update it for every record,
        // and captured variables would pay a runtime exclusivity check on each access. The
        // path, too, is read from there rather than captured: the captured string was retained
        // and released around every line.
        let state = UnsafeMutablePointer<ReadState>.allocate(capacity: 1)
        state.initialize(to: ReadState(report: FileIngestReport(path: path),
                                       lines: LineFramer(maxLineBytes: maxLineBytes),
                                       document: DocumentFramer(maxElementBytes: maxLineBytes)))
        state.pointee.report.compression = stream.compression
        defer {
            state.pointee.lines.release()
            state.pointee.document.release()
            state.pointee.pending.release()
            state.deinitialize(count: 1)
            state.deallocate()
        }

        /// The report with the days of the records read, and their first and last time.
        func finishedReport() -> FileIngestReport {
            let days = state.pointee.days.finish()
            state.pointee.report.days = days
            state.pointee.report.firstTimestamp = days.first
            state.pointee.report.lastTimestamp = days.last
            return state.pointee.report
        }

        func emit(_ view: RecordView) {
            guard !state.pointee.stopped else { return }
            if view.isNewRelicIncidentEvent, let text = state.pointee.text {
                state.pointee.report.incidentEvents += 1
                incidentEvent(text)
                return
            }
            state.pointee.report.records += 1
            if view.isRepaired {
                state.pointee.report.repairedRecords += 1
                damage(DamagedPlace(path: state.pointee.report.path, position: view.position, damage: .repaired,
                                    reason: "invalid utf-8 replaced with U+FFFD"))
            }
            if let time = view.timestampMilliseconds {
                state.pointee.days.add(time)
            } else {
                state.pointee.report.untimedRecords += 1
            }
            if !body(view) { state.pointee.stopped = true }
        }

        func skip(_ kind: SkipKind, _ position: RecordPosition, _ reason: String) {
            guard !state.pointee.stopped else { return }
            state.pointee.report.skipped[kind] += 1
            damage(DamagedPlace(path: state.pointee.report.path, position: position, damage: .skipped(kind), reason: reason))
        }

        /// A run of blank lines is counted line by line but reported as one damaged place.
        func skipBlankLines(first: Int, count: Int) {
            guard count > 0, !state.pointee.stopped else { return }
            state.pointee.report.skipped[.blank] += count
            damage(DamagedPlace(path: state.pointee.report.path, position: .line(first), damage: .skipped(.blank),
                                reason: count == 1 ? "blank line" : "blank line (and the \(count - 1) after it)"))
        }

        func handleLine(_ start: UnsafePointer<UInt8>, _ rawCount: Int, _ number: Int) {
            guard !state.pointee.stopped else { return }
            var count = rawCount
            if count > 0 && start[count - 1] == 0x0D { count -= 1 }
            var first = start
            let end = start + count
            JSONRecordScanner.skipWhitespace(&first, end)
            guard first < end else { return skip(.blank, .line(number), "blank line") }
            let lead = first.pointee
            guard lead == UInt8(ascii: "{") || lead == UInt8(ascii: "[") else {
                return skip(.notJson, .line(number), "not json")
            }
            state.pointee.text = UnsafeRawBufferPointer(start: start, count: count)
            let outcome = parser.parse(start, count: count) { view in
                view.position = .line(number)
                emit(view)
            }
            if case let .invalid(failure) = outcome {
                skip(.invalidJson, .line(number), "invalid json: \(failure.reason)")
            }
        }

        func handleElement(_ event: DocumentFramer.Event) {
            guard !state.pointee.stopped else { return }
            switch event {
            case let .element(start, count):
                if state.pointee.report.framing == "array" && state.pointee.elementIndex == 0 {
                    state.pointee.report.framing = Self.documentFraming(start, count)
                }
                state.pointee.text = UnsafeRawBufferPointer(start: start, count: count)
                let outcome = parser.parse(start, count: count) { view in
                    state.pointee.elementIndex += 1
                    view.position = .element(state.pointee.elementIndex)
                    emit(view)
                }
                if case let .invalid(failure) = outcome {
                    state.pointee.elementIndex += 1
                    skip(.invalidJson, .element(state.pointee.elementIndex), "invalid json: \(failure.reason)")
                }
            case .oversized:
                state.pointee.elementIndex += 1
                skip(.oversized, .element(state.pointee.elementIndex), "record longer than \(maxLineBytes) bytes")
            case let .notARecord(reason):
                state.pointee.elementIndex += 1
                skip(.invalidJson, .element(state.pointee.elementIndex), reason)
            }
        }

        // The framing is decided on the first bytes; they are held until a decision is
        // possible (a newline, or the end of the first object), however small the chunks.

        func feed(_ bytes: UnsafeRawBufferPointer) {
            switch state.pointee.mode {
            case .lines:
                state.pointee.lines.consume(bytes, line: handleLine, emptyLines: { first, count in
                    skipBlankLines(first: first, count: count)
                }) { number in
                    skip(.oversized, .line(number), "line longer than \(maxLineBytes) bytes")
                }
            case .document:
                state.pointee.document.consume(bytes, handleElement)
            case .undecided, .refused:
                break
            }
        }

        func decide(atEnd: Bool) {
            let held = UnsafeRawBufferPointer(start: state.pointee.pending.pointer, count: state.pointee.pendingCount)
            if let encoding = TextEncodingMark.detect(held) {
                guard encoding.isRefused else { return }  // a byte-order mark begins: wait for its end
                state.pointee.mode = .refused
                state.pointee.report.framing = encoding.name
                state.pointee.report.error = encoding.refusal
                damage(DamagedPlace(path: state.pointee.report.path, position: nil, damage: .unreadable, reason: encoding.refusal))
                state.pointee.pendingCount = 0
                return
            }
            var leadingNewlines = 0
            guard let decided = Self.detectMode(held, leadingNewlines: &leadingNewlines, atEnd: atEnd) else { return }
            state.pointee.mode = decided.mode
            if state.pointee.mode == .lines {
                state.pointee.report.framing = "jsonl"
                skipBlankLines(first: 1, count: leadingNewlines)
                state.pointee.lines.skipLines(leadingNewlines)
            } else {
                state.pointee.report.framing = held[decided.skip] == UInt8(ascii: "[") ? "array" : "object"
            }
            feed(UnsafeRawBufferPointer(rebasing: held[decided.skip...]))
            state.pointee.pendingCount = 0
        }

        progress?.started(stream)
        while !state.pointee.stopped, stream.nextChunk({ chunk in
            state.pointee.report.decompressedBytes += chunk.count
            if state.pointee.mode == .undecided {
                state.pointee.pending.grow(to: state.pointee.pendingCount + chunk.count, keeping: state.pointee.pendingCount)
                (UnsafeMutableRawPointer(state.pointee.pending.pointer) + state.pointee.pendingCount).copyMemory(from: chunk.baseAddress!, byteCount: chunk.count)
                state.pointee.pendingCount += chunk.count
                // Deciding rescans what is held: in batches, so tiny chunks stay linear.
                if state.pointee.pendingCount - state.pointee.pendingAtLastDecision >= Self.decisionBatch {
                    state.pointee.pendingAtLastDecision = state.pointee.pendingCount
                    decide(atEnd: state.pointee.pendingCount > Self.detectionLimit)
                }
            } else {
                feed(chunk)
            }
            progress?.add(decompressedBytes: chunk.count, records: state.pointee.report.records - state.pointee.recordsBeforeChunk)
            state.pointee.recordsBeforeChunk = state.pointee.report.records
        }) {}
        if state.pointee.stopped {
            stream.cancel()
            state.pointee.report.compressedBytes = stream.compressedBytesRead
            progress?.finished(stream)
            return (finishedReport(), true)
        }
        if state.pointee.mode == .undecided && state.pointee.pendingCount > 0 { decide(atEnd: true) }

        switch state.pointee.mode {
        case .lines:
            state.pointee.lines.finish(line: handleLine)
        case .document:
            state.pointee.document.finish(handleElement)
            if state.pointee.report.framing == "object" && state.pointee.document.topLevelValues > 1 { state.pointee.report.framing = "concatenated" }
        case .undecided:
            state.pointee.report.framing = "empty"
        case .refused:
            break
        }
        progress?.add(decompressedBytes: 0, records: state.pointee.report.records - state.pointee.recordsBeforeChunk)
        state.pointee.report.compressedBytes = stream.compressedBytesRead
        progress?.finished(stream)

        switch stream.ending {
        case .complete:
            if state.pointee.mode == .document && state.pointee.document.endedEarly {
                state.pointee.report.truncated = true
                state.pointee.report.error = "json state.pointee.document ends before it is closed"
            }
        case let .truncated(reason), let .readError(reason):
            state.pointee.report.truncated = true
            state.pointee.report.error = reason
        }
        if state.pointee.report.truncated, let reason = state.pointee.report.error {
            damage(DamagedPlace(path: state.pointee.report.path, position: nil, damage: .truncatedInput,
                                reason: "input truncated: \(reason); every record before the cut was kept"))
        }
        return (finishedReport(), false)
    }

    /// How many bytes may be held while the framing is undecided (one long first line).
    static let detectionLimit = 1 << 20
    /// New bytes held between two attempts to decide (the end of the input always decides).
    static let decisionBatch = 1 << 16

    /// Decides between lines and a whole document from the first bytes; nil when more
    /// bytes are needed. `leadingNewlines` counts the blank lines before the content.
    private static func detectMode(_ bytes: UnsafeRawBufferPointer, leadingNewlines: inout Int,
                                   atEnd: Bool) -> (mode: Mode, skip: Int)? {
        var index = 0
        if leadingNewlines == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3  // UTF-8 byte order mark
        }
        let contentStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                leadingNewlines += 1
            } else if !(byte == 0x20 || byte == 0x0D || byte == 0x09) {
                break
            }
            index += 1
        }
        // Blank lines before the content are counted by the caller; lines start after them.
        let lineStart = bytes[contentStart..<index].lastIndex(of: 0x0A).map { $0 + 1 } ?? contentStart
        guard index < bytes.count else { return atEnd ? (.lines, lineStart) : nil }
        if bytes[index] == UInt8(ascii: "[") || bytes[index] == UInt8(ascii: "{") {
            // Later lines that are whole records outweigh whatever the first line says: a
            // damaged first line must not turn a JSON-lines file into one broken document.
            guard let evidence = laterLinesAreRecords(bytes, firstLineFrom: index, atEnd: atEnd) else { return nil }
            if evidence { return (.lines, lineStart) }
        }
        switch bytes[index] {
        case UInt8(ascii: "["):
            return (.document, index)
        case UInt8(ascii: "{"):
            guard let whole = firstLineIsWholeRecord(bytes, from: index, atEnd: atEnd) else { return nil }
            return whole ? (.lines, lineStart) : (.document, index)
        default:
            return (.lines, lineStart)
        }
    }

    /// How many lines after the first are looked at before deciding.
    static let evidenceLines = 2

    /// True when the lines after the first (up to ``evidenceLines`` non-blank ones) are each
    /// one whole object with nothing after it, as JSON lines are and a document's lines are
    /// not (its elements end with a comma, its members are not whole objects); false when
    /// one of them is not; nil when more bytes are needed to know.
    private static func laterLinesAreRecords(_ bytes: UnsafeRawBufferPointer, firstLineFrom start: Int,
                                             atEnd: Bool) -> Bool? {
        guard var lineStart = bytes[start...].firstIndex(of: 0x0A).map({ $0 + 1 }) else { return atEnd ? false : nil }
        var seen = 0
        while seen < evidenceLines {
            guard let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) else {
                // The last line has no newline: it counts only when the input has ended.
                if atEnd && lineStart < bytes.count {
                    let line = UnsafeRawBufferPointer(rebasing: bytes[lineStart...])
                    if !isBlank(line) { return isWholeObject(line) }
                }
                return atEnd ? seen > 0 : nil
            }
            let line = UnsafeRawBufferPointer(rebasing: bytes[lineStart..<lineEnd])
            lineStart = lineEnd + 1
            if isBlank(line) { continue }
            guard isWholeObject(line) else { return false }
            seen += 1
        }
        return true
    }

    private static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// One object that closes on this line with only whitespace after it (no comma).
    private static func isWholeObject(_ line: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index < line.count, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
        guard index < line.count, line[index] == UInt8(ascii: "{") else { return false }
        var nesting = JSONNesting()
        while index < line.count {
            let byte = line[index]
            index += 1
            if nesting.isOutsideString(byte), byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]"), nesting.depth == 0 {
                return isBlank(UnsafeRawBufferPointer(rebasing: line[index...]))
            }
        }
        return false
    }

    /// True when the first line holds one complete object (JSON lines), false when the
    /// object continues on later lines or another follows on the same line; nil when the
    /// bytes end before that is known.
    private static func firstLineIsWholeRecord(_ bytes: UnsafeRawBufferPointer, from start: Int,
                                               atEnd: Bool) -> Bool? {
        var nesting = JSONNesting()
        var lastSignificant: UInt8 = 0
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            guard nesting.isOutsideString(byte) else { continue }
            switch byte {
            case 0x0A:
                // The line ended inside the object: a document if it breaks where pretty
                // printers break, else a damaged first line of JSON lines.
                return !(lastSignificant == UInt8(ascii: "{") || lastSignificant == UInt8(ascii: "[")
                         || lastSignificant == UInt8(ascii: ",") || lastSignificant == UInt8(ascii: ":"))
            case 0x20, 0x09, 0x0D:
                continue
            case UInt8(ascii: "}") where nesting.depth == 0, UInt8(ascii: "]") where nesting.depth == 0:
                // Another object on the same line means objects written back to back.
                while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D {
                    index += 1
                }
                guard index < bytes.count else { return atEnd ? true : nil }
                return bytes[index] != UInt8(ascii: "{")
            default: break
            }
            lastSignificant = byte
        }
        return atEnd ? true : nil
    }

    /// Names an array document after its first element: a Log API payload, a historical
    /// export (`{"attributes":{…}}`), or a plain array of records.
    private static func documentFraming(_ start: UnsafePointer<UInt8>, _ count: Int) -> String {
        var p = start
        let end = start + count
        guard p < end, p.pointee == UInt8(ascii: "{") else { return "array" }
        p += 1
        JSONRecordScanner.skipWhitespace(&p, end)
        let rest = UnsafeBufferPointer(start: p, count: end - p)
        if startsWithKey(rest, "logs") || startsWithKey(rest, "common") { return "logapi" }
        if startsWithKey(rest, "attributes") { return "export" }
        return "array"
    }

    private static func startsWithKey(_ bytes: UnsafeBufferPointer<UInt8>, _ key: String) -> Bool {
        let quoted = Array("\"\(key)\"".utf8)
        return bytes.count >= quoted.count && zip(bytes, quoted).allSatisfy { $0 == $1 }
    }
}
