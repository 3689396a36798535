import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LogTriageBasics

/// Streams the decompressed bytes of one input in chunks.
///
/// A background thread reads the input with read(2) and, for gzip, inflates it with ISA-L
/// (`isal_inflate`, `ISAL_GZIP`, every concatenated member, checksums verified) into a small
/// ring of reusable buffers; the caller's thread consumes them with `nextChunk`. Memory is
/// bounded by the ring (`bufferCount * chunkSize`) plus a 256 KiB read buffer, whatever the
/// size of the input, and nothing is allocated per chunk.
///
/// A stream made with `decodesAhead: false` has no thread of its own: `nextChunk` decodes
/// each chunk on the caller's thread when it asks for it, for a run that was given one core
/// (`--jobs 1`) and must not take more.
///
/// Thread safety: `compressedBytesRead`, `cancel()` and `ending` may be used from any
/// thread. `nextChunk` is meant for one consumer thread; on a stream that decodes ahead,
/// concurrent callers are safe but receive chunks in no defined order.
public final class DecodedInputStream: @unchecked Sendable {
    /// The input being read.
    public let source: InputSource
    /// Detected at init by peeking the first bytes (gzip magic 1f 8b); a 0-byte input is `.none`.
    public let compression: Compression
    /// Size of the input on disk (nil for pipes and terminals), for progress percentages.
    public let totalBytes: Int?

    private let ring: ChunkRing
    /// The decoder, when it runs on the consumer's thread (`decodesAhead` false).
    private let decoderOnConsumerThread: DecodeWorker?

    /// Opens `source`, peeks its first bytes and, unless `decodesAhead` is false, starts the
    /// decode thread.
    ///
    /// - Parameters:
    ///   - chunkSize: bytes per delivered chunk (at most; the last and gzip-member-end chunks may be shorter).
    ///   - bufferCount: chunks decoded ahead of the consumer.
    ///   - decodesAhead: false to decode on the consumer's thread, a chunk when it asks, with no thread started.
    public init(source: InputSource, chunkSize: Int = 1 << 20, bufferCount: Int = 4,
                decodesAhead: Bool = true) throws(InputError) {
        self.source = source
        let descriptor: Int32
        switch source {
        case let .file(path):
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw .cannotOpen(path: path, reason: InputError.reason(errno: errno))
            }
        case .standardInput:
            descriptor = STDIN_FILENO
        }
        let reader = FileDescriptorReader(descriptor: descriptor, ownsDescriptor: source != .standardInput)

        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw .cannotOpen(path: source.displayName, reason: InputError.reason(errno: errno))
        }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR { throw .cannotOpen(path: source.displayName, reason: "is a directory") }
        if kind == S_IFREG {
            totalBytes = Int(info.st_size)
            #if canImport(Glibc)
            _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_SEQUENTIAL)
            #endif
        } else {
            totalBytes = nil
        }

        // Decoding on the consumer's thread, one buffer is all it fills, and it stays in cache.
        ring = ChunkRing(chunkSize: chunkSize, slotCount: decodesAhead ? bufferCount : 1)
        let worker = DecodeWorker(reader: reader, ring: ring)
        do {
            compression = try worker.peekCompression()
        } catch {
            throw .cannotOpen(path: source.displayName, reason: error.reason)
        }
        guard decodesAhead else {
            decoderOnConsumerThread = worker
            return
        }
        decoderOnConsumerThread = nil
        let compression = compression
        ThreadName.startThread(named: "lt-decode") { worker.run(compression) }
    }

    deinit { ring.cancel() }

    /// Compressed (on-disk) bytes consumed so far; safe to read from another thread.
    public var compressedBytesRead: Int { ring.compressedBytesRead }

    /// Compressed bytes behind the chunks handed out so far (the decode thread reads ahead of
    /// them by up to the ring's size); safe to read from another thread.
    public var compressedBytesTaken: Int { ring.compressedBytesConsumed }

    /// Calls `body` with the next chunk of decompressed bytes (never empty); returns false at the end.
    ///
    /// The chunk is only valid during `body`; afterwards its buffer goes back to the decode
    /// thread. Blocks while the decode thread is behind; a stream that does not decode ahead
    /// decodes the chunk first.
    public func nextChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows -> Bool {
        if let decoder = decoderOnConsumerThread {
            while !ring.hasFilledChunk && decoder.decodeChunk(compression) {}
        }
        guard let (slot, count) = ring.takeFilled() else { return false }
        defer { ring.release(slot) }
        try body(UnsafeRawBufferPointer(start: ring.buffer(slot), count: count))
        return true
    }

    /// How the stream ended; valid after `nextChunk` has returned false.
    ///
    /// After `cancel()` (before the end was reached) this is
    /// `.truncated(reason: "reading was cancelled")`.
    public var ending: StreamEnding { ring.ending }

    /// Stops the decode thread at its next chunk (also done in deinit); safe to call twice.
    ///
    /// Returns at once; a thread blocked in read(2) on a pipe stops when that read returns.
    public func cancel() { ring.cancel() }
}
