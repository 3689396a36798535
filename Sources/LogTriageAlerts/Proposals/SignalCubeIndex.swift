/// Finds a ``SignalCube`` cell by its key: an open-addressing table of cell positions whose
/// keys are read from the cube's own cells.
///
/// A `Dictionary` from key to position kept a second copy of every key beside its hash
/// buckets (60 bytes a bucket, 55 MiB for a 1 GB week); this table keeps 4 bytes a slot, at
/// most half full, so the cube's index costs an eighth of its cells. Which slot a cell lands
/// in never shows: cells keep the order they were first seen in.
struct SignalCubeIndex: Sendable {
    /// Cell positions, -1 for an empty slot; the count is a power of two.
    private var slots: [Int32] = Array(repeating: -1, count: 64)
    /// Cells placed.
    private var count = 0

    /// The position among `cells` of the cell whose key is `key`, nil when there is none.
    func position(of key: SignalCube.Cell.Key, in cells: [SignalCube.Cell]) -> Int32? {
        let mask = slots.count - 1
        var slot = key.tableHash & mask
        while true {
            let position = slots[slot]
            if position < 0 { return nil }
            if cells[Int(position)].key == key { return position }
            slot = (slot + 1) & mask
        }
    }

    /// Places `cells[position]`, whose key no other cell has.
    mutating func insert(_ position: Int32, in cells: [SignalCube.Cell]) {
        if 2 * (count + 1) > slots.count {
            slots = Array(repeating: -1, count: 2 * slots.count)
            for placed in 0..<count { place(Int32(placed), key: cells[placed].key) }
        }
        place(position, key: cells[Int(position)].key)
        count += 1
    }

    private mutating func place(_ position: Int32, key: SignalCube.Cell.Key) {
        let mask = slots.count - 1
        var slot = key.tableHash & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = position
    }
}

extension SignalCube.Cell.Key {
    /// The key's fields mixed into a table slot. Not `Hashable`'s seeded hash, which costs a
    /// hasher per record for a table whose layout never shows: the fields are window starts
    /// and small interned numbers the cube hands out in order, which input cannot aim at one slot.
    var tableHash: Int {
        func mixed(_ hash: UInt64, _ value: UInt64) -> UInt64 {
            let product = (hash ^ value) &* 0xBF58_476D_1CE4_E5B9
            return product ^ (product >> 31)
        }
        func bits(_ value: Int32) -> UInt64 { UInt64(UInt32(bitPattern: value)) }
        func bits(_ value: Int8) -> UInt64 { UInt64(UInt8(bitPattern: value)) }
        var hash = UInt64(bitPattern: windowStart) &* 0x9E37_79B9_7F4A_7C15
        hash = mixed(hash, bits(service) | bits(serviceAttribute) << 32)
        hash = mixed(hash, bits(billerId) | bits(sourceId) << 32)
        hash = mixed(hash, bits(errorClass) | bits(endpoint) << 32)
        hash = mixed(hash, bits(queue) | bits(category) << 32 | bits(severity) << 40 | bits(duration) << 48
            | (stale ? 1 : 0) << 56)
        hash = mixed(hash, bits(endpointAttribute) | bits(queueAttribute) << 8)
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}
