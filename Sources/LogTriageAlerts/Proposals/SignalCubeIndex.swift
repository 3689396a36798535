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
        var slot = key.hashValue & mask
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
        var slot = key.hashValue & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = position
    }
}
