import Foundation
import LogTriageBasics
import LogTriageAnalysis

/// The file a partial is stored in: one gzip member (compressed, and checksummed by its
/// CRC-32 and length) holding a magic line, the ``PartialRun`` as JSON, then its invoice
/// observations as binary rows and an end mark. A damaged or truncated file fails the
/// checksum or the end mark and is refused whole.
enum PartialFile {
    static let magic = Array("logtriage-partial\n".utf8)
    static let endMark = Array("end\n".utf8)
    /// An empty window's minimum is +∞ and its maximum −∞: JSON has no such numbers.
    static let floats = JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
        positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")

    /// Writes `run` and the observations `observations` hands over (exactly `run.observations`
    /// of them) to `path`, atomically: a temporary file renamed into place.
    static func write(_ run: PartialRun, to path: String,
                      observations: ((InvoiceObservation) throws -> Void) throws -> Void) throws {
        let temporary = path + ".partial-\(getpid())"
        TemporaryFiles.shared.trackFile(temporary)
        defer {
            unlink(temporary)
            TemporaryFiles.shared.forget(temporary)
        }
        let writer = try GzipWriter(path: temporary)
        try writer.write(magic)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = floats
        let document = [UInt8](try encoder.encode(run))
        var length = UInt64(document.count).littleEndian
        try withUnsafeBytes(of: &length) { try writer.write($0) }
        try writer.write(document)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)
        var written = 0
        try observations { observation in
            append(observation, to: &buffer)
            written += 1
            if buffer.count >= 1 << 16 {
                try writer.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        precondition(written == run.observations, "a partial's observation count is written before its observations")
        try writer.write(buffer)
        try writer.write(endMark)
        try writer.close()
        guard rename(temporary, path) == 0 else {
            throw PartialError.unwritable(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Reads the document of the partial at `path`; with `observations`, hands over its
    /// observations too, and in any case checks the rest of the file (its checksum, its end).
    static func read(_ path: String, observations: ((InvoiceObservation) throws -> Void)? = nil) throws -> PartialRun {
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
        do {
            let length = try reader.read(count: 8).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
            guard length <= 1 << 34 else { throw PartialError.damaged(path: path, reason: "its document length is \(length)") }
            let document = try reader.read(count: Int(length))
            let run: PartialRun
            do {
                let decoder = JSONDecoder()
                decoder.nonConformingFloatDecodingStrategy = .convertFromString(
                    positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")
                run = try decoder.decode(PartialRun.self, from: Data(document))
            } catch {
                throw PartialError.damaged(path: path, reason: "its document cannot be read: \(error)")
            }
            guard run.format == PartialRun.currentFormat else {
                throw PartialError.otherFormat(path: path, format: run.format)
            }
            for _ in 0..<run.observations {
                let observation = try readObservation(reader, path: path)
                try observations?(observation)
            }
            guard try reader.read(count: endMark.count) == endMark else {
                throw PartialError.damaged(path: path, reason: "its end mark is missing")
            }
            try reader.expectEnd()
            return run
        } catch let error as GzipReadError {
            throw PartialError.damaged(path: path, reason: "\(error)")
        }
    }

    private static func append(_ observation: InvoiceObservation, to buffer: inout [UInt8]) {
        func append<Value: FixedWidthInteger>(_ value: Value) {
            withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
        }
        let account = Array(observation.account.utf8)
        append(Int32(account.count))
        buffer.append(contentsOf: account)
        append(observation.time)
        append(observation.invoiceDay)
        append(observation.outcome.rawValue)
        append(observation.reference)
    }

    private static func readObservation(_ reader: GzipFileReader, path: String) throws -> InvoiceObservation {
        func integer<Value: FixedWidthInteger>(_ bytes: ArraySlice<UInt8>, as type: Value.Type) -> Value {
            var value = Value.zero
            withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes) }
            return Value(littleEndian: value)
        }
        let length = Int(integer(try reader.read(count: 4)[...], as: Int32.self))
        guard (0...4096).contains(length) else { throw PartialError.damaged(path: path, reason: "an observation's account is \(length) bytes") }
        let row = try reader.read(count: length + 21)
        let account = String(decoding: row[0..<length], as: UTF8.self)
        guard let outcome = InvoiceOutcome(rawValue: row[length + 12]) else {
            throw PartialError.damaged(path: path, reason: "an observation's outcome is \(row[length + 12])")
        }
        return InvoiceObservation(account: account, invoiceDay: integer(row[(length + 8)..<(length + 12)], as: Int32.self),
                                  time: integer(row[length..<(length + 8)], as: Int64.self), outcome: outcome,
                                  reference: integer(row[(length + 13)..<(length + 21)], as: Int64.self))
    }
}
