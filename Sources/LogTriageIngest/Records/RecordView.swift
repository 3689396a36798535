/// One log record as read, valid only during the call that hands it out.
///
/// The reader reuses a single view for every record so the hot path allocates nothing:
/// values point into the decompressed chunk or the parser's arena. Stages copy out what
/// they keep (`string(_:)`), and never store the view itself.
public final class RecordView {
    /// A kept value: its bytes (decoded, UTF-8) and JSON type.
    public struct Value {
        public let bytes: UnsafeBufferPointer<UInt8>
        public let kind: JSONValueKind
        /// Which alias of the canonical field supplied it (0 = the first); nil for an
        /// attribute read by path or a field found only inside a JSON message.
        public let aliasIndex: Int?
        /// True when the value came from the fields of a JSON `message`.
        public let fromMessageJSON: Bool

        @usableFromInline
        init(bytes: UnsafeBufferPointer<UInt8>, kind: JSONValueKind, aliasIndex: Int?, fromMessageJSON: Bool) {
            self.bytes = bytes
            self.kind = kind
            self.aliasIndex = aliasIndex
            self.fromMessageJSON = fromMessageJSON
        }

        /// The value as text: a string's content, or a number or literal as written.
        public var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// The per-record state, kept behind a pointer: it changes for every record, and
    /// class properties would pay a runtime exclusivity check on each access.
    @usableFromInline
    struct State {
        var position: RecordPosition = .line(0)
        var isRepaired = false
        @usableFromInline var generation: UInt32 = 1
        @usableFromInline var embeddedGeneration: UInt32 = 0
        /// Where strings of the record and of its JSON message are decoded when first read.
        var arena: UnsafeMutablePointer<UInt8>?
        var arenaUsed = 0
        var embeddedArena: UnsafeMutablePointer<UInt8>?
        var embeddedArenaUsed = 0
        /// The parsed timestamp and the record it belongs to: several stages ask for it.
        var timestamp: Int64?
        var timestampGeneration: UInt32 = 0
        /// The JSON text the record's own values were scanned from, when it is one record's
        /// alone (not a Log API payload's, whose text holds many records): ``RecordCopies``
        /// copies it whole instead of value by value.
        var text: UnsafeBufferPointer<UInt8>?
    }

    public let schema: RecordSchema
    // What the lookups by canonical field read is visible to other modules, so that the
    // optimiser may inline them where a stage makes them (it never inlines a `package`
    // declaration into another module, `@inlinable` or not): a record is asked for twenty or
    // more fields by the stages. In one profile of the bench week, the lookups went from 175
    // to 132 samples of the thread that builds the contexts.
    @usableFromInline let state: UnsafeMutablePointer<State>
    @usableFromInline let values: UnsafeMutablePointer<ScannedValue>
    @usableFromInline let embedded: UnsafeMutablePointer<ScannedValue>
    /// Alias slots per canonical field, flattened: field i uses
    /// `aliasSlots[aliasStarts[i] ..< aliasStarts[i + 1]]`.
    @usableFromInline let aliasSlots: UnsafeMutablePointer<Int32>
    @usableFromInline let aliasStarts: UnsafeMutablePointer<Int>
    /// The slot of `eventType`, copied out of the schema: read for every record.
    private let eventTypeSlot: Int

    init(schema: RecordSchema) {
        self.schema = schema
        let count = max(schema.table.count, 1)
        state = .allocate(capacity: 1)
        state.initialize(to: State())
        values = .allocate(capacity: count)
        values.initialize(repeating: .absent, count: count)
        embedded = .allocate(capacity: count)
        embedded.initialize(repeating: .absent, count: count)
        let flat = schema.aliasSlots.flatMap { $0 }
        aliasSlots = .allocate(capacity: max(flat.count, 1))
        aliasSlots.initialize(from: flat, count: flat.count)
        aliasStarts = .allocate(capacity: schema.aliasSlots.count + 1)
        var start = 0
        for (index, slots) in schema.aliasSlots.enumerated() {
            aliasStarts[index] = start
            start += slots.count
        }
        aliasStarts[schema.aliasSlots.count] = start
        eventTypeSlot = Int(schema.eventTypeSlot)
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
        values.deallocate()
        embedded.deallocate()
        aliasSlots.deallocate()
        aliasStarts.deallocate()
    }

    /// Where the record is in its file.
    public internal(set) var position: RecordPosition {
        get { state.pointee.position }
        set { state.pointee.position = newValue }
    }

    /// Whether any string of the record held invalid UTF-8 (replaced with U+FFFD).
    public internal(set) var isRepaired: Bool {
        get { state.pointee.isRepaired }
        set { state.pointee.isRepaired = newValue }
    }

    @inlinable var generation: UInt32 {
        get { state.pointee.generation }
        set { state.pointee.generation = newValue }
    }

    @inlinable var embeddedGeneration: UInt32 {
        get { state.pointee.embeddedGeneration }
        set { state.pointee.embeddedGeneration = newValue }
    }

    /// The value of a canonical field: the highest-priority alias present in the record
    /// (ties go to the earlier alias), else the same from a JSON message's own fields.
    @inlinable
    public func value(_ field: CanonicalField) -> Value? {
        let index = field.index
        let slots = UnsafeBufferPointer(start: aliasSlots + aliasStarts[index],
                                        count: aliasStarts[index + 1] - aliasStarts[index])
        let generation = self.generation
        if let (slot, alias) = best(slots, in: values, generation: generation) {
            let scanned = values[Int(slot)].needsDecode ? decoded(values + Int(slot), embedded: false) : values[Int(slot)]
            return Value(bytes: scanned.bytes, kind: scanned.kind, aliasIndex: alias, fromMessageJSON: false)
        }
        if embeddedGeneration == generation, let (slot, alias) = best(slots, in: embedded, generation: generation) {
            let scanned = embedded[Int(slot)].needsDecode ? decoded(embedded + Int(slot), embedded: true) : embedded[Int(slot)]
            return Value(bytes: scanned.bytes, kind: scanned.kind, aliasIndex: alias, fromMessageJSON: true)
        }
        return nil
    }

    /// The value's bytes as they stand in the input (a string's escapes not decoded), for
    /// callers that only hash or search them and need not pay for decoding.
    @inlinable
    public func rawBytes(_ field: CanonicalField) -> UnsafeBufferPointer<UInt8>? {
        let index = field.index
        let slots = UnsafeBufferPointer(start: aliasSlots + aliasStarts[index],
                                        count: aliasStarts[index + 1] - aliasStarts[index])
        let generation = self.generation
        if let (slot, _) = best(slots, in: values, generation: generation) { return values[Int(slot)].bytes }
        if embeddedGeneration == generation, let (slot, _) = best(slots, in: embedded, generation: generation) {
            return embedded[Int(slot)].bytes
        }
        return nil
    }

    /// The value with its string decoded, decoding it into the arena on first use.
    @usableFromInline
    func decoded(_ value: UnsafeMutablePointer<ScannedValue>, embedded: Bool) -> ScannedValue {
        guard value.pointee.needsDecode, let raw = value.pointee.base else { return value.pointee }
        let arena = embedded ? state.pointee.embeddedArena! : state.pointee.arena!
        let used = embedded ? state.pointee.embeddedArenaUsed : state.pointee.arenaUsed
        let count = JSONRecordScanner.decode(raw, raw + value.pointee.count, into: arena + used)
        value.pointee.base = UnsafePointer(arena + used)
        value.pointee.count = count
        value.pointee.needsDecode = false
        if embedded { state.pointee.embeddedArenaUsed += count } else { state.pointee.arenaUsed += count }
        return value.pointee
    }

    @inlinable
    func best(_ slots: UnsafeBufferPointer<Int32>, in storage: UnsafeMutablePointer<ScannedValue>,
              generation: UInt32) -> (Int32, Int)? {
        // Most fields have one alias: no priorities to weigh (a stored value has one of 0 or
        // more, so a present one wins). On 200,000 records of the bench week, this function
        // ran 156 million instructions instead of 195 million (callgrind).
        if slots.count == 1, let slot = slots.first {
            let scanned = storage[Int(slot)]
            return scanned.generation == generation && scanned.kind != .null ? (slot, 0) : nil
        }
        var found: (Int32, Int)?
        var bestPriority: Int8 = -1
        for (alias, slot) in slots.enumerated() {
            let scanned = storage[Int(slot)]
            if scanned.generation == generation && scanned.kind != .null && scanned.priority > bestPriority {
                // No later alias beats the highest priority (ties go to the earlier alias): most
                // fields are read from the record's root, so most lookups stop here.
                if scanned.priority >= ScannedValue.highestPriority { return (slot, alias) }
                found = (slot, alias)
                bestPriority = scanned.priority
            }
        }
        return found
    }

    /// A canonical field as text (strings as decoded, numbers and literals as written).
    @inlinable
    public func string(_ field: CanonicalField) -> String? { value(field)?.text }

    /// Whether the record holds a value in the kept attribute's slot (its own, or its JSON
    /// message's): ``attribute(slot:)`` is nil exactly when this is false. Inlined where a
    /// stage looks through several attributes that most records lack.
    @inlinable
    public func holds(slot: Int) -> Bool {
        let generation = self.generation
        return values[slot].generation == generation
            || (embeddedGeneration == generation && embedded[slot].generation == generation)
    }

    /// The value of a kept attribute by its slot in the schema (`slot(ofAttribute:)`).
    public func attribute(slot: Int) -> Value? {
        if values[slot].generation == generation {
            let scanned = decoded(values + slot, embedded: false)
            return Value(bytes: scanned.bytes, kind: scanned.kind, aliasIndex: nil, fromMessageJSON: false)
        }
        if embeddedGeneration == generation, embedded[slot].generation == generation {
            let inner = decoded(embedded + slot, embedded: true)
            return Value(bytes: inner.bytes, kind: inner.kind, aliasIndex: nil, fromMessageJSON: true)
        }
        return nil
    }

    /// The record's time in epoch milliseconds, from the `timestamp` field in any of the
    /// accepted forms (epoch ms, seconds with or without fraction, ISO-8601).
    public var timestampMilliseconds: Int64? {
        if state.pointee.timestampGeneration == generation { return state.pointee.timestamp }
        let time = value(.timestamp).flatMap { TimestampParser.milliseconds($0.bytes, isString: $0.kind == .string) }
        state.pointee.timestamp = time
        state.pointee.timestampGeneration = generation
        return time
    }

    /// The level upper-cased with synonyms folded (`warning` → `WARN`).
    public var level: String? {
        guard let value = value(.level) else { return nil }
        return LevelNormalizer.normalize(value.bytes)
    }

    /// Whether the record is a New Relic `NrAiIncident` event (an incident opening or closing)
    /// rather than a log record: its root `eventType` is exactly `NrAiIncident`. Compared as
    /// raw bytes, so a log record pays one slot check.
    public var isNewRelicIncidentEvent: Bool {
        let scanned = values[eventTypeSlot]
        guard scanned.generation == generation, scanned.kind == .string, scanned.count == Self.incidentEventType.count,
              let base = scanned.base else { return false }
        for (index, byte) in Self.incidentEventType.enumerated() where base[index] != byte { return false }
        return true
    }

    /// The `eventType` of New Relic's incident events.
    private static let incidentEventType: [UInt8] = Array("NrAiIncident".utf8)

    /// When `message` is an application's own JSON, the human text inside it (its
    /// `message` or `msg` field); nil otherwise.
    public var embeddedMessageText: String? {
        guard embeddedGeneration == generation else { return nil }
        let slots = schema.aliasSlots[CanonicalField.message.index] + [schema.embeddedTextSlot]
        guard let (slot, _) = slots.withUnsafeBufferPointer({ best($0, in: embedded, generation: generation) }) else { return nil }
        let scanned = decoded(embedded + Int(slot), embedded: true)
        return scanned.kind == .string ? String(decoding: scanned.bytes, as: UTF8.self) : nil
    }
}
