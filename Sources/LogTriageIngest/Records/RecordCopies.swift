/// Records copied out of the reader's view, for a stage that reads attributes to run on a
/// thread of its own, behind the read (``RecordReplay`` shows them again as a view).
///
/// A view's values point into the chunk being read and last only until the next record; a
/// copy keeps every value the record holds, its own and its JSON message's, with the bytes as
/// read (a string still in its JSON form is decoded only if a stage reads it), and the
/// record's place, repair mark and time. Memory follows the records of one batch, not the input.
///
/// Filled on the reading thread, then handed whole to one worker, which only reads it: the
/// hand-over (a lock) orders the two, hence `@unchecked`.
package final class RecordCopies: @unchecked Sendable {
    /// One value of a record: where it goes in the view and where its bytes are here.
    struct Entry {
        var slot: Int32
        var embedded: Bool
        var kind: JSONValueKind
        var needsDecode: Bool
        var priority: Int8
        /// Where its bytes start here; -1 for a value without bytes (no base pointer).
        var offset: Int
        var count: Int
    }

    /// One record: its entries, the bytes they hold in all, and what the view says besides.
    struct Record {
        var entries: Range<Int>
        var byteCount: Int
        var position: RecordPosition
        var isRepaired: Bool
        var hasEmbedded: Bool
        var timestamp: Int64?
        var timestampKnown: Bool
    }

    /// The records' entries, one after another: a buffer of our own rather than an array,
    /// whose every append checked that it was the array's only owner and had room (a dozen
    /// values a record, on the reading thread). Room for a whole record is made before it.
    private var entries: EntryBuffer
    private(set) var records: [Record] = []
    private var storage = ScratchBuffer()
    private var used = 0
    /// The slots whose values are copied, ascending; nil for every slot. Only these are looked
    /// at: a stage reading a few attributes has a handful out of the schema's many.
    private let kept: [Int]?

    /// `keeping`: the slots to copy (what the stages reading the copies read), nil for all:
    /// a record's message and stack trace are most of its bytes, and a stage that reads a
    /// few attributes need not have them copied.
    package init(expectedRecords: Int = 0, keeping slots: Set<Int>? = nil) {
        records.reserveCapacity(expectedRecords)
        entries = EntryBuffer(capacity: max(expectedRecords * 16, 64))
        kept = slots.map { $0.sorted() }
    }

    deinit {
        storage.release()
        entries.release()
    }

    /// The entries of the record at `index`, valid until the copies change.
    func entries(of index: Int) -> UnsafeBufferPointer<Entry> {
        let range = records[index].entries
        return UnsafeBufferPointer(start: entries.pointer + range.lowerBound, count: range.count)
    }

    /// Where the copied bytes start (valid until the next ``append(_:)``).
    var bytes: UnsafeMutablePointer<UInt8> { storage.pointer }

    /// Records copied so far.
    package var count: Int { records.count }

    /// Empties the copies for another batch, keeping the room they had (a batch's copies take
    /// about 1.5 MB of arrays and bytes on the bench week), unless an outsized record grew
    /// the bytes' room past `retainedBytes`: that room is given back.
    package func removeAll(retainingAtMost retainedBytes: Int) {
        records.removeAll(keepingCapacity: true)
        entries.count = 0
        if storage.capacity > retainedBytes {
            storage.release()
            storage = ScratchBuffer()
        }
        used = 0
    }

    /// Copies the record `view` shows now; returns the bytes of values copied so far, so that
    /// a caller filling a batch asks the copies once per record (each call on a stored class
    /// reference retains and releases it).
    @discardableResult
    package func append(_ view: RecordView) -> Int {
        let generation = view.generation
        let slotCount = view.schema.table.count
        let first = entries.count
        // Room for every value the record and its JSON message may hold, so that the loops below
        // only store.
        entries.reserve(entries.count + 2 * (kept?.count ?? slotCount))
        let firstByte = used
        // With every value kept, the record's text is copied whole, in one move: its values
        // then only note where they are in it. Copied one by one, the values' moves took about
        // a twentieth of the reading thread (a dozen short ones a record). A value outside the
        // text (decoded into the parser's arena, or from a JSON message) is copied on its own.
        var text: Text?
        if kept == nil, let whole = view.state.pointee.text, let base = whole.baseAddress {
            storage.grow(to: used + whole.count, keeping: used)
            (storage.pointer + used).update(from: base, count: whole.count)
            text = Text(start: base, end: base + whole.count, offset: used)
            used += whole.count
        }
        // The loops work on the properties passed in place: once per record, not once per value,
        // does the runtime check that nothing else is touching them.
        Self.copyValues(view.values, slotCount: slotCount, generation: generation, embedded: false, kept: kept, text: text,
                        into: &entries, storage: &storage, used: &used)
        let hasEmbedded = view.embeddedGeneration == generation
        if hasEmbedded {
            Self.copyValues(view.embedded, slotCount: slotCount, generation: generation, embedded: true, kept: kept,
                            text: text, into: &entries, storage: &storage, used: &used)
        }
        let timestampKnown = view.state.pointee.timestampGeneration == generation
        records.append(Record(entries: first..<entries.count, byteCount: used - firstByte, position: view.position,
                              isRepaired: view.isRepaired, hasEmbedded: hasEmbedded,
                              timestamp: timestampKnown ? view.state.pointee.timestamp : nil, timestampKnown: timestampKnown))
        return used
    }

    /// The record's text where it was read, and where its copy starts here.
    private struct Text {
        var start: UnsafePointer<UInt8>
        var end: UnsafePointer<UInt8>
        var offset: Int
    }

    private static func copyValues(_ values: UnsafeMutablePointer<ScannedValue>, slotCount: Int, generation: UInt32,
                                   embedded: Bool, kept: [Int]?, text: Text?, into entries: inout EntryBuffer,
                                   storage: inout ScratchBuffer, used: inout Int) {
        guard let kept else {
            for slot in 0..<slotCount {
                copyValue(values[slot], slot: slot, generation: generation, embedded: embedded, text: text,
                          into: &entries, storage: &storage, used: &used)
            }
            return
        }
        for slot in kept where slot < slotCount {
            copyValue(values[slot], slot: slot, generation: generation, embedded: embedded, text: text,
                      into: &entries, storage: &storage, used: &used)
        }
    }

    @inline(__always)
    private static func copyValue(_ value: ScannedValue, slot: Int, generation: UInt32, embedded: Bool, text: Text?,
                                  into entries: inout EntryBuffer, storage: inout ScratchBuffer, used: inout Int) {
        guard value.generation == generation else { return }
        var offset = -1
        if let base = value.base {
            if let text, base >= text.start && base + value.count <= text.end {
                offset = text.offset + (base - text.start)
            } else {
                offset = used
                storage.grow(to: used + value.count, keeping: used)
                (storage.pointer + used).update(from: base, count: value.count)
                used += value.count
            }
        }
        entries.pointer[entries.count] = Entry(slot: Int32(slot), embedded: embedded, kind: value.kind,
                                               needsDecode: value.needsDecode, priority: value.priority, offset: offset,
                                               count: offset < 0 ? 0 : value.count)
        entries.count += 1
    }

    /// Entries in memory of their own, grown by doubling; ``Entry`` holds no references, so
    /// the memory is only ever stored to and read.
    struct EntryBuffer {
        private(set) var pointer: UnsafeMutablePointer<Entry>
        private var capacity: Int
        var count = 0

        init(capacity: Int) {
            self.capacity = capacity
            pointer = .allocate(capacity: capacity)
        }

        /// Makes room for `needed` entries, keeping those there.
        mutating func reserve(_ needed: Int) {
            DoublingGrowth.grow(&pointer, capacity: &capacity, keeping: count, toHold: needed)
        }

        func release() { pointer.deallocate() }
    }
}
