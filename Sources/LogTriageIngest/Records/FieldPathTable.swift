/// The attribute paths a run keeps, looked up by hash while a record is scanned.
///
/// Paths are dotted (`error.class`); the scanner keeps a nested key's whole dotted path in a
/// buffer of its own, so `{"error":{"class":…}}` and `{"error.class":…}` find the same slot
/// without building strings. Each path gets one slot; slots are indices into a record's value
/// array.
/// Storage is flat and immutable after init, so lookups touch no reference counts.
public final class FieldPathTable: @unchecked Sendable {
    /// The paths, in slot order.
    public let paths: [String]
    /// The table's storage as plain pointers, valid while the table lives: a scanner is made
    /// for every record, and one holding the table itself retained and released it each time
    /// (atomic operations, which on the reading thread also wait for the record's stores).
    let storage: Storage

    struct Storage {
        fileprivate let mask: Int
        fileprivate let hashes: UnsafeMutablePointer<UInt64>
        fileprivate let slots: UnsafeMutablePointer<Int32>
        fileprivate let offsets: UnsafeMutablePointer<Int>
        fileprivate let lengths: UnsafeMutablePointer<Int>
        fileprivate let pool: UnsafeMutablePointer<UInt8>

        /// Finds the slot of a path from its hash and bytes; -1 when the table lacks it.
        @inline(__always)
        func lookup(hash: UInt64, path: UnsafePointer<UInt8>, count: Int) -> Int32 {
            var index = FieldPathTable.bucket(hash, mask)
            while true {
                let slot = slots[index]
                if slot < 0 { return -1 }
                if hashes[index] == hash && lengths[index] == count && FieldPathTable.same(pool + offsets[index], path, count) {
                    return slot
                }
                index = (index + 1) & mask
            }
        }
    }

    /// Builds a table holding `paths`; a repeated path keeps its first slot.
    public init(paths: [String]) {
        var unique: [String] = []
        for path in paths where !unique.contains(path) { unique.append(path) }
        self.paths = unique
        var size = 16
        while size < unique.count * 4 { size <<= 1 }
        let mask = size - 1
        let hashes = UnsafeMutablePointer<UInt64>.allocate(capacity: size)
        hashes.initialize(repeating: 0, count: size)
        let slots = UnsafeMutablePointer<Int32>.allocate(capacity: size)
        slots.initialize(repeating: -1, count: size)
        let offsets = UnsafeMutablePointer<Int>.allocate(capacity: size)
        offsets.initialize(repeating: 0, count: size)
        let lengths = UnsafeMutablePointer<Int>.allocate(capacity: size)
        lengths.initialize(repeating: 0, count: size)
        let poolSize = unique.reduce(1) { $0 + $1.utf8.count }
        let pool = UnsafeMutablePointer<UInt8>.allocate(capacity: poolSize)
        var used = 0
        for (slot, path) in unique.enumerated() {
            let bytes = Array(path.utf8)
            let hash = Self.hash(bytes)
            var index = Self.bucket(hash, mask)
            while slots[index] >= 0 { index = (index + 1) & mask }
            hashes[index] = hash
            slots[index] = Int32(slot)
            offsets[index] = used
            lengths[index] = bytes.count
            for byte in bytes { pool[used] = byte; used += 1 }
        }
        storage = Storage(mask: mask, hashes: hashes, slots: slots, offsets: offsets, lengths: lengths, pool: pool)
    }

    deinit {
        storage.hashes.deallocate(); storage.slots.deallocate(); storage.offsets.deallocate()
        storage.lengths.deallocate(); storage.pool.deallocate()
    }

    /// The number of slots.
    public var count: Int { paths.count }

    /// The slot of `path`, if the table holds it.
    public func slot(of path: String) -> Int? {
        let bytes = Array(path.utf8)
        let slot = bytes.withUnsafeBufferPointer { buffer in
            storage.lookup(hash: Self.hash(bytes), path: buffer.baseAddress!, count: buffer.count)
        }
        return slot >= 0 ? Int(slot) : nil
    }

    @inline(__always)
    fileprivate static func bucket(_ hash: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { buffer in
            hash(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)
        }
    }

    /// The hash of a path's `count` bytes at `path`, from words that stay inside them, as
    /// ``same(_:_:_:)`` compares them. It runs over every key of every record (about 17 keys a
    /// record, of 9 or 10 bytes each, in the bench week): a key of up to 16 bytes is its first
    /// and last eight bytes (or four, or three single bytes), each multiplied by a constant of
    /// its own, so the two products are independent; a longer one adds the words between, one
    /// multiplication each. The buckets take its high bits after one more multiplication
    /// (``bucket(_:_:)``), and bytes are compared on a hash match, so collisions cost time,
    /// never correctness.
    @inline(__always)
    static func hash(_ path: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        let bytes = UnsafeRawPointer(path)
        let first: UInt64, last: UInt64
        var between: UInt64 = 0
        if count >= 8 {
            first = bytes.loadUnaligned(as: UInt64.self)
            last = bytes.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            var offset = 8
            while offset < count &- 8 {
                between = (between ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xC2B2_AE3D_27D4_EB4F
                offset &+= 8
            }
        } else if count >= 4 {
            first = UInt64(bytes.loadUnaligned(as: UInt32.self))
            last = UInt64(bytes.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
        } else if count > 0 {
            first = UInt64(bytes.load(as: UInt8.self)) | UInt64(bytes.load(fromByteOffset: count / 2, as: UInt8.self)) << 8
                | UInt64(bytes.load(fromByteOffset: count &- 1, as: UInt8.self)) << 16
            last = 0
        } else {
            first = 0
            last = 0
        }
        let lastProduct = last &* 0xD6E8_FEB8_6659_FD93
        return (first &* 0x9FB2_1C65_1E98_DF25) ^ (lastProduct << 29 | lastProduct >> 35) ^ between
            ^ UInt64(truncatingIfNeeded: count)
    }

    /// Whether `count` bytes at `a` and `b` are equal, compared in place by words that stay
    /// inside both (the last word overlaps the one before it): keys are short, and for each one
    /// a run keeps, a call to `memcmp` cost more than the compare.
    @inline(__always)
    static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let a = UnsafeRawPointer(a), b = UnsafeRawPointer(b)
        if count >= 8 {
            var offset = 0
            while offset < count &- 8 {
                if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                    return false
                }
                offset &+= 8
            }
            return a.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
        }
        if count >= 4 {
            return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
                && a.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self) == b.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        }
        for offset in 0..<count where a.load(fromByteOffset: offset, as: UInt8.self) != b.load(fromByteOffset: offset, as: UInt8.self) {
            return false
        }
        return true
    }
}
