/// Facet values of one condition interned by their bytes: a record's facet value (see
/// ``NRQLCompiledQuery/facetKey(_:into:)``) becomes a small id, and its `String` is built
/// once, the first time the value is seen.
///
/// Ids count from 0 in order of first sight, so which values a capped store keeps does not
/// depend on hashing. Memory holds each distinct value once.
public struct NRQLFacetTable: Sendable {
    /// The values by id.
    public private(set) var texts: [String] = []
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    /// Open addressing: id + 1 per slot, 0 when empty; a power of two long.
    private var slots: [Int32] = Array(repeating: 0, count: 64)
    private var hashes: [Int] = []

    public init() {}

    public var count: Int { texts.count }

    /// The value of `id`.
    public func text(_ id: Int32) -> String { texts[Int(id)] }

    /// The id of `key`, nil when it is not interned.
    public func existingID(_ key: [UInt8]) -> Int32? {
        key.withUnsafeBufferPointer { probe($0, hash: Self.hash($0)).id }
    }

    /// Where `key` is: its id when interned, else the empty slot it would take.
    private func probe(_ key: UnsafeBufferPointer<UInt8>, hash: Int) -> (id: Int32?, slot: Int) {
        var slot = hash & (slots.count - 1)
        while slots[slot] != 0 {
            let id = Int(slots[slot] - 1)
            if hashes[id] == hash && equal(id, key) { return (Int32(id), slot) }
            slot = (slot + 1) & (slots.count - 1)
        }
        return (nil, slot)
    }

    /// The id of `key`, interning it first when new.
    public mutating func intern(_ key: [UInt8]) -> Int32 {
        key.withUnsafeBufferPointer { key in
            let hash = Self.hash(key)
            let (known, slot) = probe(key, hash: hash)
            if let known { return known }
            let id = texts.count
            texts.append(String(decoding: key, as: UTF8.self))
            bytes.append(contentsOf: key)
            starts.append(bytes.count)
            hashes.append(hash)
            slots[slot] = Int32(id + 1)
            if 2 * texts.count > slots.count { grow() }
            return Int32(id)
        }
    }

    private func equal(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id], end = starts[id + 1]
        guard end - start == key.count else { return false }
        for index in 0..<key.count where bytes[start + index] != key[index] { return false }
        return true
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        for (id, hash) in hashes.enumerated() {
            var slot = hash & (slots.count - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(id + 1)
        }
    }

    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(key))
        return hasher.finalize()
    }
}
