/// Finds a ``SignalCube`` cell by its key: per window, an open-addressing table of cell
/// positions whose keys are read from the cube's own cells.
///
/// A `Dictionary` from key to position kept a second copy of every key beside its hash
/// buckets (60 bytes a bucket, 55 MiB for a 1 GB week); these tables keep 4 bytes a slot, at
/// most half full (and 16 slots at least), so the cube's index costs about an eighth of its
/// cells where windows hold a few cells or more. Which slot a cell lands in never shows: cells
/// keep the order they were first seen in.
///
/// One table per window rather than one for the week: records come in time order, so nearly
/// every lookup and every new cell is in the newest window, whose table is small and stays
/// in the cache. In one table for the week, each lookup and each new cell was a cache miss
/// (about a sixth of the alert stage's time on the 1 GB bench week).
struct SignalCubeIndex: Sendable {
    /// One window's cell positions, -1 for an empty slot; the count is a power of two.
    private struct WindowTable: Sendable {
        var slots: [Int32] = Array(repeating: -1, count: 16)
        var count = 0

        func find(_ key: SignalCube.Cell.Key, in cells: [SignalCube.Cell]) -> Int32? {
            let mask = slots.count - 1
            var slot = key.tableHash & mask
            while true {
                let position = slots[slot]
                if position < 0 { return nil }
                if cells[Int(position)].key == key { return position }
                slot = (slot + 1) & mask
            }
        }

        mutating func insert(_ position: Int32, key: SignalCube.Cell.Key, in cells: [SignalCube.Cell]) {
            if 2 * (count + 1) > slots.count {
                let placed = slots.filter { $0 >= 0 }
                slots = Array(repeating: -1, count: 2 * slots.count)
                for cell in placed { place(cell, key: cells[Int(cell)].key) }
            }
            place(position, key: key)
            count += 1
        }

        private mutating func place(_ position: Int32, key: SignalCube.Cell.Key) {
            let mask = slots.count - 1
            var slot = key.tableHash & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = position
        }
    }

    /// The window looked up last, with its table held apart from the others: a table kept in
    /// a dictionary would be looked up, and could be copied, on every record. A record of
    /// another window (the next one, or a late or early record) swaps the tables.
    private var recentWindow: Int64 = .min
    private var recent = WindowTable()
    /// The tables of the other windows.
    private var others: [Int64: WindowTable] = [:]

    /// The position among `cells` of the cell whose key is `key`, nil when there is none.
    mutating func position(of key: SignalCube.Cell.Key, in cells: [SignalCube.Cell]) -> Int32? {
        let window = key.windowStart
        if window != recentWindow {
            if recent.count > 0 { others[recentWindow] = recent }
            recent = others.removeValue(forKey: window) ?? WindowTable()
            recentWindow = window
        }
        return recent.find(key, in: cells)
    }

    /// Places `cells[position]`, whose key no other cell has (and was just looked up).
    mutating func insert(_ position: Int32, in cells: [SignalCube.Cell]) {
        let key = cells[Int(position)].key
        if key.windowStart == recentWindow {
            recent.insert(position, key: key, in: cells)
        } else {
            others[key.windowStart, default: WindowTable()].insert(position, key: key, in: cells)
        }
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
