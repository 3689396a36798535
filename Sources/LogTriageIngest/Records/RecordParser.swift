/// Turns one JSON text (a line, or an element of a document) into records.
///
/// A plain object is one record; a Log API detailed payload (`{"common":…,"logs":[…]}`)
/// is one record per log, with the common attributes merged under the log's own values;
/// a root `attributes` object (historical exports, Log API logs) is read as root attributes.
/// A `message` that is itself a JSON object adds its fields where the record lacks them,
/// as New Relic does, and keeps the original message.
public final class RecordParser {
    /// What became of one JSON text.
    public enum Outcome: Equatable {
        /// Valid JSON that yielded this many records (a Log API payload may yield none).
        case records(Int)
        /// Not a valid JSON object; nothing was emitted.
        case invalid(JSONSyntaxFailure)
    }

    public let schema: RecordSchema
    /// The view handed to every callback.
    public let view: RecordView
    private var arena = ScratchBuffer()
    private var path = ScratchBuffer()
    private var embeddedArena = ScratchBuffer()
    private var embeddedPath = ScratchBuffer()

    public init(schema: RecordSchema) {
        self.schema = schema
        view = RecordView(schema: schema)
    }

    deinit {
        arena.release(); path.release(); embeddedArena.release(); embeddedPath.release()
    }

    /// Parses `[start, start + count)` and calls `body` with each record in order.
    public func parse(_ start: UnsafePointer<UInt8>, count: Int, _ body: (RecordView) -> Void) -> Outcome {
        // Worst-case decoded size: every byte an invalid one that becomes 3-byte U+FFFD.
        // Values are decoded lazily into `arena`, each at most once per record, so 3x the
        // input is enough for all of them.
        arena.reserve(count * 3 + 64)
        path.reserve(count * 3 + 64 + JSONRecordScanner.maxDepth)
        view.state.pointee.arena = arena.pointer
        var scanner = makeScanner(start: start)
        guard scanner.scanRecord(start, start + count) else {
            return .invalid(scanner.failure ?? JSONSyntaxFailure(kind: .unexpectedEnd, offset: count))
        }
        guard let logs = scanner.logsRange else {
            view.state.pointee.text = UnsafeBufferPointer(start: start, count: count)
            view.isRepaired = scanner.repaired
            readEmbeddedMessage()
            body(view)
            return .records(1)
        }
        return parseLogAPIPayload(logs: logs, common: scanner.commonRange, start: start, body)
    }

    private func makeScanner(start: UnsafePointer<UInt8>) -> JSONRecordScanner {
        view.generation &+= 1
        if view.generation == 0 { view.generation = 1 }
        view.state.pointee.arenaUsed = 0
        view.state.pointee.embeddedArenaUsed = 0
        return JSONRecordScanner(table: schema.table.storage, values: view.values, generation: view.generation,
                                 path: path.pointer, start: start)
    }

    /// Emits each log of a Log API detailed payload, common attributes first so the log's
    /// own attributes and values replace them. A log that is not an object is skipped; the
    /// payload is invalid only when no log could be read.
    private func parseLogAPIPayload(logs: UnsafeRawBufferPointer, common: UnsafeRawBufferPointer?,
                                    start: UnsafePointer<UInt8>, _ body: (RecordView) -> Void) -> Outcome {
        let logsStart = logs.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var emitted = 0
        var failure: JSONSyntaxFailure?
        view.state.pointee.text = nil
        JSONRecordScanner.forEachElement(ofArray: logsStart, logsStart + logs.count) { elementStart, elementEnd in
            var scanner = makeScanner(start: start)
            if let common {
                let commonStart = common.baseAddress!.assumingMemoryBound(to: UInt8.self)
                scanner.rootPriority = 1
                scanner.attributesPriority = 1
                _ = scanner.scanRecord(commonStart, commonStart + common.count)
                scanner.rootPriority = ScannedValue.highestPriority
                scanner.attributesPriority = 2
            }
            scanner.logsRange = nil
            guard scanner.scanRecord(elementStart, elementEnd) else {
                if failure == nil { failure = scanner.failure }
                return
            }
            view.isRepaired = scanner.repaired
            readEmbeddedMessage()
            body(view)
            emitted += 1
        }
        if let failure { return emitted == 0 ? .invalid(failure) : .records(emitted) }
        return .records(emitted)
    }

    /// Whether raw JSON string text starts with `{` after blanks and `\n`, `\r`, `\t` escapes.
    private static func startsWithBrace(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < raw.count {
            switch raw[index] {
            case 0x20, 0x09: index += 1
            case UInt8(ascii: "\\"):
                guard index + 1 < raw.count, [UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t")].contains(raw[index + 1])
                else { return false }
                index += 2
            default: return raw[index] == UInt8(ascii: "{")
            }
        }
        return false
    }

    /// Reads the fields of a JSON object held in `message` into the embedded values.
    private func readEmbeddedMessage() {
        // Look at the raw text first: most messages are not JSON and need no decoding.
        guard let raw = view.rawBytes(.message), Self.startsWithBrace(raw) else { return }
        guard let message = view.value(.message), message.kind == .string, !message.fromMessageJSON,
              let base = message.bytes.baseAddress else { return }
        var p = base
        let end = base + message.bytes.count
        JSONRecordScanner.skipWhitespace(&p, end)
        guard p < end, p.pointee == UInt8(ascii: "{") else { return }
        embeddedArena.reserve(message.bytes.count * 3 + 64)
        embeddedPath.reserve(message.bytes.count * 3 + 64 + JSONRecordScanner.maxDepth)
        view.state.pointee.embeddedArena = embeddedArena.pointer
        var scanner = JSONRecordScanner(table: schema.table.storage, values: view.embedded, generation: view.generation,
                                        path: embeddedPath.pointer, start: base)
        scanner.flattenRootAttributes = false
        if scanner.scanRecord(base, end) {
            view.embeddedGeneration = view.generation
        }
    }
}
