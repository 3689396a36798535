import LogTriageModel

/// The latest error (and retry count) seen per message or trace id, bounded in entries and age,
/// so a dead letter can be tied to the error just before it without keeping every record.
///
/// Eviction is by last write: each write appends to an order queue, and the oldest-written
/// entries go first when the map is over capacity or older than the window behind the newest
/// time seen. Queue slots of since-rewritten keys are skipped, and compacted away when they
/// pile up, so memory stays proportional to the capacity.
///
/// Ids are kept as their 64-bit FNV-1a fingerprint, not as strings: a map at its capacity held
/// a heap string per id (a trace id with its prefix is past the 15 bytes a string holds
/// inline), about 40 MiB for 100,000 ids. Two ids sharing a fingerprint among 100,000 has odds
/// of about one in 3·10⁹, and the fingerprint is the same from run to run. Being hashes
/// already, they index a ``FingerprintTable`` with no further hashing.
struct RecentErrorMap: Sendable {
    /// Packed: the optional numbers keep their absence as a value no record gives, and the
    /// small fields come last, so an entry is 26 bytes and a table slot (key and entry) 40,
    /// not 56. At its capacity the table is most of the detector's memory: while it grows, its
    /// old and new slots are held at once (22 MB of heap in one 4.7 GB run, heaptrack).
    struct Entry: Sendable, Equatable {
        /// ``time``, `Int64.min` for none: times are epoch milliseconds a record gave.
        private var storedTime = Int64.min
        /// ``retries``, `Int.min` for none: counts are never negative.
        private var storedRetries = Int.min
        var sequence = 0
        var category: Category?
        var retryable: Bool?

        init(category: Category? = nil, retryable: Bool? = nil, time: Int64? = nil, retries: Int? = nil,
             sequence: Int = 0) {
            self.category = category
            self.retryable = retryable
            self.sequence = sequence
            self.time = time
            self.retries = retries
        }

        var time: Int64? {
            get { storedTime == .min ? nil : storedTime }
            set { storedTime = newValue ?? .min }
        }

        /// The highest retry count seen for the id; nil when no retry evidence was seen.
        var retries: Int? {
            get { storedRetries == .min ? nil : storedRetries }
            set { storedRetries = newValue ?? .min }
        }
    }

    let capacity: Int
    let windowMs: Int64
    private var entries = FingerprintTable<Entry>()
    private var order: [(key: UInt64, sequence: Int)] = []
    private var head = 0
    private var nextSequence = 0
    private var newestTime: Int64?

    init(capacity: Int, windowMs: Int64) {
        precondition(capacity > 0, "the recent-error map needs room for at least one entry")
        self.capacity = capacity
        self.windowMs = windowMs
    }

    var count: Int { entries.count }

    /// The entry for `key` if it is within the window before `time` (either time unknown: kept).
    func lookup(_ key: UInt64, at time: Int64?) -> Entry? {
        guard let entry = entries[key] else { return nil }
        if let time, let then = entry.time, time - then > windowMs { return nil }
        return entry
    }

    /// Stores `entry` under `key` (``key(_:_:)``), as the most recent write.
    mutating func store(_ key: UInt64, _ entry: Entry) {
        var entry = entry
        entry.sequence = nextSequence
        nextSequence += 1
        entries[key] = entry
        order.append((key, entry.sequence))
        if let time = entry.time { newestTime = max(newestTime ?? time, time) }
        evict()
    }

    private mutating func evict() {
        while head < order.count {
            let (key, sequence) = order[head]
            guard let entry = entries[key], entry.sequence == sequence else {
                head += 1 // rewritten since: a later slot holds it
                continue
            }
            let tooOld = newestTime.map { newest in entry.time.map { newest - $0 > windowMs } ?? false } ?? false
            guard entries.count > capacity || tooOld else { break }
            entries[key] = nil
            head += 1
        }
        if head > 1024, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
        if order.count - head > capacity * 2 {
            order = order[head...].filter { entries[$0.key]?.sequence == $0.sequence }
            head = 0
        }
    }

    /// Folds in `other`'s entries, keeping the later one (by time) per key.
    mutating func merge(_ other: RecentErrorMap) {
        for (key, theirs) in other.entries.contents.sorted(by: { $0.value.sequence < $1.value.sequence }) {
            if let mine = entries[key], let mineTime = mine.time, let theirTime = theirs.time, mineTime > theirTime {
                continue
            }
            store(key, theirs)
        }
    }

    /// The key of an id of one kind: FNV-1a of the kind's prefix (`m:` for a message id, `t:`
    /// for a trace id) and the id's UTF-8 bytes, folded in turn, so no prefixed string is made
    /// for each record read.
    static func key(_ prefix: Prefix, _ id: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func fold(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        fold(prefix.rawValue)
        fold(UInt8(ascii: ":"))
        var id = id
        id.withUTF8 { bytes in
            for byte in bytes { fold(byte) }
        }
        return hash
    }

    /// The kind of id a key is made of.
    enum Prefix: UInt8 {
        case messageId = 0x6D // "m"
        case traceId = 0x74 // "t"
    }
}
