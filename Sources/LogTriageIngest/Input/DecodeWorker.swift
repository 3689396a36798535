import CISAL
import LogTriageBasics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes a `DecodedInputStream`'s input a chunk at a time: reads it, inflates it with
/// ISA-L when it is gzip, and fills the ring's chunks. It runs on a background thread of its
/// own, or, for a stream that decodes on its reader's thread, a chunk whenever that thread asks.
///
/// `@unchecked Sendable` because it is only ever used by one thread at a time: the caller's
/// thread peeks the first bytes in `init`/`peekCompression`, then either `Thread.start` (a
/// happens-before edge) passes it to the decode thread, which is the only one to touch it
/// afterwards, or it stays with the caller's thread.
final class DecodeWorker: @unchecked Sendable {
    /// Compressed bytes read per read(2) call.
    static let inputCapacity = 1 << 18

    private enum AfterMember {
        case anotherMember
        case end
        case trailingGarbage
    }

    private let reader: FileDescriptorReader
    private let ring: ChunkRing
    private let input: UnsafeMutableRawPointer
    /// The read but not yet consumed input bytes are `input[pendingStart ..< pendingStart + pendingCount]`.
    private var pendingStart = 0
    private var pendingCount = 0
    private var inputEnded = false
    /// ISA-L's state, kept from chunk to chunk of a gzip input; nil until its first chunk.
    private var inflateState: UnsafeMutablePointer<inflate_state>?
    /// Set once the ring has been told how the input ended.
    private var finished = false

    init(reader: FileDescriptorReader, ring: ChunkRing) {
        self.reader = reader
        self.ring = ring
        input = .allocate(byteCount: Self.inputCapacity, alignment: 64)
    }

    deinit {
        input.deallocate()
        inflateState?.deallocate()
    }

    /// Reads the first bytes and tells gzip (magic 1f 8b) from anything else.
    func peekCompression() throws(FileDescriptorReader.Failure) -> Compression {
        try readAhead(atLeast: 2)
        let bytes = input.assumingMemoryBound(to: UInt8.self)
        return pendingCount >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b ? .gzip : .none
    }

    /// Decodes the whole input into the ring, then records how it ended.
    func run(_ compression: Compression) {
        while decodeChunk(compression) {}
    }

    /// Decodes the next chunk into the ring (waiting for a free buffer); false, with the ring
    /// told how the input ended, once it has ended or reading was cancelled.
    func decodeChunk(_ compression: Compression) -> Bool {
        guard !finished else { return false }
        guard let slot = ring.acquireFreeSlot() else {
            finish(.truncated(reason: "reading was cancelled"))
            return false
        }
        let (count, ending) = switch compression {
        case .gzip: inflateChunk(into: slot)
        case .none: copyChunk(into: slot)
        }
        ring.publish(slot, count: count, unconsumedInput: pendingCount)
        guard let ending else { return true }
        finish(ending)
        return false
    }

    private func finish(_ ending: StreamEnding) {
        finished = true
        reader.close()
        ring.finish(ending)
    }

    // MARK: Input

    /// Reads until at least `count` bytes are pending or the input ends.
    private func readAhead(atLeast count: Int) throws(FileDescriptorReader.Failure) {
        guard pendingCount < count, !inputEnded else { return }
        if pendingStart > 0 {
            if pendingCount > 0 { memmove(input, input + pendingStart, pendingCount) }
            pendingStart = 0
        }
        while pendingCount < count && !inputEnded {
            let read = try reader.read(into: input + pendingCount, count: Self.inputCapacity - pendingCount)
            if read == 0 {
                inputEnded = true
            } else {
                pendingCount += read
                ring.addCompressedBytes(read)
            }
        }
    }

    private func consumePending(_ count: Int) {
        pendingStart += count
        pendingCount -= count
    }

    // MARK: Plain input

    /// Passes plain bytes through into `slot`: the bytes copied, and the ending once the input has ended.
    private func copyChunk(into slot: Int) -> (count: Int, ending: StreamEnding?) {
        let capacity = ring.chunkSize
        let out = ring.buffer(slot)
        var filled = 0
        if pendingCount > 0 {
            let count = min(pendingCount, capacity)
            out.copyMemory(from: input + pendingStart, byteCount: count)
            consumePending(count)
            filled = count
        }
        do {
            while filled < capacity && !inputEnded {
                let read = try reader.read(into: out + filled, count: capacity - filled)
                if read == 0 {
                    inputEnded = true
                } else {
                    filled += read
                    ring.addCompressedBytes(read)
                }
            }
            return (filled, inputEnded && pendingCount == 0 ? .complete : nil)
        } catch {
            return (filled, .readError(reason: error.reason))
        }
    }

    // MARK: Gzip input

    /// Inflates into `slot`, going on through every gzip member: the bytes inflated, and the
    /// ending once the input is finished or broken.
    private func inflateChunk(into slot: Int) -> (count: Int, ending: StreamEnding?) {
        let state: UnsafeMutablePointer<inflate_state>
        if let inflateState {
            state = inflateState
        } else {
            state = IsalInflate.gzipState()
            inflateState = state
        }
        state.pointee.next_out = ring.buffer(slot).assumingMemoryBound(to: UInt8.self)
        state.pointee.avail_out = UInt32(ring.chunkSize)
        let ending = fillChunk(state)
        return (ring.chunkSize - Int(state.pointee.avail_out), ending)
    }

    /// Inflates into the chunk set up in `state` until it is full; returns an ending when
    /// the input is finished or broken.
    private func fillChunk(_ state: UnsafeMutablePointer<inflate_state>) -> StreamEnding? {
        do {
            while state.pointee.avail_out > 0 {
                if pendingCount == 0 { try readAhead(atLeast: 1) }
                state.pointee.next_in = (input + pendingStart).assumingMemoryBound(to: UInt8.self)
                state.pointee.avail_in = UInt32(pendingCount)
                let outBefore = state.pointee.avail_out
                let status = isal_inflate(state)
                let consumed = pendingCount - Int(state.pointee.avail_in)
                consumePending(consumed)
                if status < 0 { return .truncated(reason: IsalInflate.reason(status: status)) }

                if state.pointee.block_state == ISAL_BLOCK_FINISH {
                    switch try whatFollowsMember() {
                    case .anotherMember: restart(state)
                    case .end: return .complete
                    case .trailingGarbage:
                        return .truncated(reason: "trailing data after the last gzip member is not gzip")
                    }
                } else if pendingCount == 0 && inputEnded && state.pointee.avail_out > 0 {
                    return .truncated(reason: "gzip stream ends before its end marker")
                } else if consumed == 0 && state.pointee.avail_out == outBefore {
                    // Never expected from isal_inflate; guards against spinning forever.
                    return .truncated(reason: IsalInflate.noProgress(status: status))
                }
            }
            return nil
        } catch {
            return .readError(reason: error.reason)
        }
    }

    /// Resets ISA-L for the next member, keeping the output position.
    private func restart(_ state: UnsafeMutablePointer<inflate_state>) {
        let nextOut = state.pointee.next_out
        let availOut = state.pointee.avail_out
        isal_inflate_reset(state)
        state.pointee.crc_flag = UInt32(ISAL_GZIP)
        state.pointee.next_out = nextOut
        state.pointee.avail_out = availOut
    }

    /// After a member's trailer: another member, the end (possibly after zero padding), or garbage.
    private func whatFollowsMember() throws(FileDescriptorReader.Failure) -> AfterMember {
        try readAhead(atLeast: 2)
        if pendingCount == 0 { return .end }
        let bytes = (input + pendingStart).assumingMemoryBound(to: UInt8.self)
        if pendingCount >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b { return .anotherMember }
        // Only zero padding may follow the last member (some writers pad to a block size).
        while true {
            let pending = UnsafeBufferPointer(
                start: (input + pendingStart).assumingMemoryBound(to: UInt8.self), count: pendingCount)
            if pending.contains(where: { $0 != 0 }) { return .trailingGarbage }
            consumePending(pendingCount)
            if inputEnded { return .end }
            try readAhead(atLeast: 1)
        }
    }
}
