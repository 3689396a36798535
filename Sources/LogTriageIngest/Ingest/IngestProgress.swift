import Synchronization
import LogTriageBasics

/// Counters a progress display reads from another thread while a run goes on.
///
/// Updated once per chunk, not per record, so the hot path stays free of atomics.
public final class IngestProgress: Sendable {
    /// Input bytes on disk of every file, when known up front.
    public let totalInputBytes: Int
    private let finishedInputBytes = Atomic<Int>(0)
    private let decompressed = Atomic<Int>(0)
    private let recordCount = Atomic<Int>(0)
    /// The files being read: one, or one per part when a run reads its files side by side.
    private let current = Locked<[DecodedInputStream]>([])

    public init(totalInputBytes: Int) { self.totalInputBytes = totalInputBytes }

    /// Input bytes consumed so far, counting each file being read up to the chunk being parsed
    /// (not the decode thread's read-ahead).
    public var inputBytesRead: Int {
        current.withLock { streams in
            streams.reduce(finishedInputBytes.load(ordering: .relaxed)) { $0 + $1.compressedBytesTaken }
        }
    }
    public var decompressedBytes: Int { decompressed.load(ordering: .relaxed) }
    public var records: Int { recordCount.load(ordering: .relaxed) }

    func started(_ stream: DecodedInputStream) { current.withLock { $0.append(stream) } }

    func finished(_ stream: DecodedInputStream) {
        // Under the lock the bytes are read under, so that they are never counted twice nor missed.
        current.withLock {
            finishedInputBytes.add(stream.compressedBytesRead, ordering: .relaxed)
            $0.removeAll { $0 === stream }
        }
    }

    func add(decompressedBytes: Int, records: Int) {
        decompressed.add(decompressedBytes, ordering: .relaxed)
        recordCount.add(records, ordering: .relaxed)
    }
}
