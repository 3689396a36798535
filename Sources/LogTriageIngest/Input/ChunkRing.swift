import Foundation

/// The reusable chunk buffers shared by a decode thread (producer) and its consumer.
///
/// `slotCount` buffers of `chunkSize` bytes are allocated once. A slot is always in exactly
/// one place: the free list, the filled queue, held by the producer (between
/// `acquireFreeSlot` and `publish`) or held by a consumer (between `takeFilled` and
/// `release`). Only the holder touches a slot's bytes.
///
/// Invariant that makes `@unchecked Sendable` sound: every stored `var` is read and written
/// only while `condition` is locked; the buffer addresses never change; a slot's bytes
/// change hands only through the locked free list / filled queue, which orders the
/// producer's writes before the consumer's reads (and back).
final class ChunkRing: @unchecked Sendable {
    let chunkSize: Int
    let slotCount: Int
    private let storage: UnsafeMutableRawPointer
    private let condition = NSCondition()

    private var freeSlots: [Int]
    /// Filled chunks in order, each with the compressed bytes consumed to produce it and all
    /// chunks before it.
    private var filledSlots: [(slot: Int, count: Int, inputEnd: Int)]
    private var producerEnding: StreamEnding?
    private var endDelivered = false
    private var cancelled = false
    private var compressedBytes = 0
    /// The compressed bytes behind the chunks the consumer has taken: how far the consumer,
    /// not the decode thread (which reads ahead), is in the input.
    private var inputTaken = 0

    init(chunkSize: Int, slotCount: Int) {
        precondition(chunkSize > 0 && chunkSize <= Int(UInt32.max), "chunk size out of range")
        precondition(slotCount > 0, "the ring needs at least one buffer")
        self.chunkSize = chunkSize
        self.slotCount = slotCount
        storage = .allocate(byteCount: chunkSize * slotCount, alignment: 64)
        freeSlots = Array(0..<slotCount)
        filledSlots = []
        filledSlots.reserveCapacity(slotCount)
    }

    deinit { storage.deallocate() }

    /// The first byte of `slot`'s buffer.
    func buffer(_ slot: Int) -> UnsafeMutableRawPointer {
        storage + slot * chunkSize
    }

    // MARK: Producer side

    /// Waits for a free buffer; nil once the ring is cancelled.
    func acquireFreeSlot() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while freeSlots.isEmpty && !cancelled { condition.wait() }
        return cancelled ? nil : freeSlots.removeLast()
    }

    /// Hands `count` bytes of `slot` to the consumer; an empty slot goes back to the free list.
    /// `unconsumedInput`: compressed bytes read but not yet decoded.
    func publish(_ slot: Int, count: Int, unconsumedInput: Int) {
        condition.lock()
        if count > 0 {
            filledSlots.append((slot, count, compressedBytes - unconsumedInput))
        } else {
            freeSlots.append(slot)
        }
        condition.broadcast()
        condition.unlock()
    }

    /// Records how the input ended; the consumer sees it after draining the filled chunks.
    func finish(_ ending: StreamEnding) {
        condition.lock()
        producerEnding = ending
        condition.broadcast()
        condition.unlock()
    }

    /// Adds to the count of compressed (on-disk) bytes read.
    func addCompressedBytes(_ count: Int) {
        condition.lock()
        compressedBytes += count
        condition.unlock()
    }

    // MARK: Consumer side

    /// Waits for the next filled chunk; nil at the end of the stream or after cancel.
    func takeFilled() -> (slot: Int, count: Int)? {
        condition.lock()
        defer { condition.unlock() }
        while filledSlots.isEmpty && producerEnding == nil && !cancelled { condition.wait() }
        if cancelled { return nil }
        if filledSlots.isEmpty {
            endDelivered = true
            return nil
        }
        let taken = filledSlots.removeFirst()
        inputTaken = taken.inputEnd
        return (taken.slot, taken.count)
    }

    /// Whether a filled chunk waits to be taken.
    var hasFilledChunk: Bool {
        condition.lock()
        defer { condition.unlock() }
        return !filledSlots.isEmpty
    }

    /// Gives a consumed chunk's buffer back to the producer.
    func release(_ slot: Int) {
        condition.lock()
        freeSlots.append(slot)
        condition.broadcast()
        condition.unlock()
    }

    /// Stops the producer at its next buffer and makes `takeFilled` return nil.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// How the stream ended, as the consumer saw it.
    var ending: StreamEnding {
        condition.lock()
        defer { condition.unlock() }
        if endDelivered, let producerEnding { return producerEnding }
        if cancelled { return .truncated(reason: "reading was cancelled") }
        return .readError(reason: "the stream has not been read to its end")
    }

    var compressedBytesRead: Int {
        condition.lock()
        defer { condition.unlock() }
        return compressedBytes
    }

    /// The compressed bytes behind the chunks the consumer has taken.
    var compressedBytesConsumed: Int {
        condition.lock()
        defer { condition.unlock() }
        return inputTaken
    }
}
