import Foundation

/// Texts interned by their bytes: a value read from a record (a facet value, a service, a
/// biller) becomes a small id, and its `String` is built once, the first time it is seen.
///
/// Ids count from 0 in order of first sight, so which values a capped store keeps, or which
/// number a name gets, does not depend on hashing. Memory holds each distinct value once.
/// Bytes that are not UTF-8 are repaired in the text, so two byte strings may share a text
/// under two ids: callers that count by text look the text up, not the id.
package struct InternedTexts: Sendable {
    /// The values by id.
    package private(set) var texts: [String] = []
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    /// Open addressing: id + 1 per slot, 0 when empty; a power of two long.
    private var slots: [Int32] = Array(repeating: 0, count: 64)
    private var hashes: [Int] = []

    package init() {}

    package var count: Int { texts.count }

    /// The value of `id`.
    package func text(_ id: Int32) -> String { texts[Int(id)] }

    /// The id of `key`, nil when it is not interned.
    package func existingID(_ key: [UInt8]) -> Int32? {
        key.withUnsafeBufferPointer { probe($0, hash: hash($0)).id }
    }

    /// The id and the text of `key` when it is interned. It changes nothing; it is `mutating`
    /// so that a table kept in a class's array is read in place: a non-mutating call copied
    /// the table out first, retaining and releasing each of its arrays, on every record a
    /// faceted condition counts.
    package mutating func existingText(_ key: [UInt8]) -> (id: Int32, text: String)? {
        guard let id = existingID(key) else { return nil }
        return (id, texts[Int(id)])
    }

    /// The id and the text of the bytes `key` points at when they are interned (`mutating` for
    /// the same reason as ``existingText(_:)``).
    package mutating func existingText(_ key: UnsafeBufferPointer<UInt8>) -> (id: Int32, text: String)? {
        guard let id = probe(key, hash: hash(key)).id else { return nil }
        return (id, texts[Int(id)])
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
    package mutating func intern(_ key: [UInt8]) -> Int32 {
        key.withUnsafeBufferPointer { intern($0) }
    }

    /// The id and the text of the bytes `key` points at, interning them first when new: one
    /// mutating call, so a table kept in a class is changed in place rather than copied to be read.
    package mutating func internedText(_ key: UnsafeBufferPointer<UInt8>) -> (id: Int32, text: String) {
        let id = intern(key)
        return (id, texts[Int(id)])
    }

    /// The id of the bytes `key` points at (they are copied when new).
    package mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        intern(key) { String(decoding: key, as: UTF8.self) }
    }

    /// The id of `key`, interned with `text` when new: its decoding, which the caller has
    /// built already. The table then shares the caller's string rather than building a second
    /// (a faceted condition's facet value is the key of its windows too).
    package mutating func intern(_ key: [UInt8], text: String) -> Int32 {
        key.withUnsafeBufferPointer { intern($0) { text } }
    }

    private mutating func intern(_ key: UnsafeBufferPointer<UInt8>, text: () -> String) -> Int32 {
        let hash = hash(key)
        let (known, slot) = probe(key, hash: hash)
        if let known { return known }
        let id = texts.count
        texts.append(text())
        bytes.append(contentsOf: key)
        starts.append(bytes.count)
        hashes.append(hash)
        slots[slot] = Int32(id + 1)
        if 2 * texts.count > slots.count { grow() }
        return Int32(id)
    }

    private func equal(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id], end = starts[id + 1]
        guard end - start == key.count else { return false }
        guard let keyBase = key.baseAddress else { return true }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, keyBase, key.count) == 0 }
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        for (id, hash) in hashes.enumerated() {
            var slot = hash & (slots.count - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(id + 1)
        }
    }

    /// The process's seed of ``hash(_:)``, so input cannot aim its values at one slot.
    private static let seed = UInt64.random(in: .min ... .max)
    private let seed = InternedTexts.seed

    /// A seeded hash of the bytes, read eight at a time: names and facet values are interned on
    /// every record, and `Hasher`'s setup and finish cost more than the short bytes themselves.
    /// Each word goes through a bijective mix with the state of the words before it, so
    /// which values collide depends on the seed.
    private func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var state = Self.mix(seed ^ UInt64(key.count))
        guard let base = key.baseAddress else { return Int(truncatingIfNeeded: state) }
        let raw = UnsafeRawPointer(base)
        let count = key.count
        var offset = 0
        while offset + 8 <= count {
            state = Self.mix(state ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        guard offset < count else { return Int(truncatingIfNeeded: state) }
        // The last bytes in one load, within the key: the eight ending it (overlapping the
        // words before), or for a key of four to seven bytes its first four and last four.
        // The length mixed in first tells apart keys these loads would confuse.
        let tail: UInt64
        if count >= 8 {
            tail = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else if count >= 4 {
            tail = UInt64(raw.loadUnaligned(as: UInt32.self))
                | UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) << 32
        } else {
            var bytes: UInt64 = 0
            for index in 0..<count { bytes |= UInt64(base[index]) << (8 * UInt64(index)) }
            tail = bytes
        }
        return Int(truncatingIfNeeded: Self.mix(state ^ tail))
    }

    /// SplitMix64's finisher: a bijection of 64 bits in which every input bit moves every output bit.
    private static func mix(_ value: UInt64) -> UInt64 {
        var mixed = (value ^ (value >> 30)) &* 0xbf58_476d_1ce4_e5b9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
        return mixed ^ (mixed >> 31)
    }
}
