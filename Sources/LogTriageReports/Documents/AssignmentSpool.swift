import Foundation
import LogTriageBasics
import LogTriageIngest

/// Holds the record → cluster placements of a run on disk until the clusters are final.
///
/// Cluster ids are only known at the end (the miner may merge templates), so placements are
/// written as fixed-size binary rows to a temporary file, then read back once to write the
/// user's CSV. Memory stays constant whatever the number of records.
public final class AssignmentSpool {
    /// One placement: 4 bytes file index, 1 byte position kind, 8 bytes position,
    /// 4 bytes provisional cluster, 1 byte stale flag.
    static let rowSize = 18

    let path: String
    private let sink: OutputSink
    private var buffer: [UInt8] = []
    package private(set) var rows = 0

    /// Creates the temporary file next to `destination`.
    public init(nextTo destination: String) throws {
        path = destination + ".spool-\(ProcessInfo.processInfo.processIdentifier)"
        sink = try OutputSink(path: path)
        TemporaryFiles.shared.trackFile(path)
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        unlink(path)
        TemporaryFiles.shared.forget(path)
    }

    package func append(file: Int, position: RecordPosition, cluster: Int, stale: Bool) throws {
        func put<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
        }
        put(UInt32(file))
        let (kind, number) = position.kindAndNumber
        buffer.append(kind)
        put(number)
        put(Int32(cluster))
        buffer.append(stale ? 1 : 0)
        rows += 1
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { try sink.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Sets the stale flag of row `row` (0-based, in append order), once stale-invoice
    /// verdicts are known at the end of a run.
    package func markStale(row: Int) throws {
        try flush()
        try sink.writeByte(1, at: row * Self.rowSize + Self.rowSize - 1)
    }

    /// Writes the CSV (`.gz` name: gzip) with each row's cluster resolved by `label`.
    package func write(to destination: String, files: [String],
               label: (Int) -> (cluster: String, category: String)) throws {
        try flush()
        try sink.close()
        let temporary = destination + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        TemporaryFiles.shared.trackFile(temporary)
        defer { TemporaryFiles.shared.forget(temporary) }
        let output = try TextOutput(path: temporary, compressed: destination.hasSuffix(".gz"))
        do {
            try output.write(CSVTable.line(["file", "line", "cluster", "category", "stale"]))
            let input = try SpoolReader(path: path)
            while try input.ensure(Self.rowSize) {
                let file = Int(UInt32(bitPattern: input.readInt32()))
                let kind = input.readUInt8()
                let value = input.readInt64()
                let cluster = Int(input.readInt32())
                let stale = input.readUInt8()
                let names = label(cluster)
                let position = kind == 0 ? "\(value)" : "#\(value)"
                try output.write(CSVTable.line([files[file], position, names.cluster, names.category, stale == 1 ? "1" : "0"]))
            }
            try output.close()
        } catch {
            unlink(temporary)
            throw error
        }
        try TemporaryFiles.shared.protected {
            guard rename(temporary, destination) == 0 else {
                throw OutputError.renameFailed(from: temporary, to: destination, errno: errno)
            }
        }
    }
}
