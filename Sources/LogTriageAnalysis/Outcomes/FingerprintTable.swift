/// A map keyed by 64-bit fingerprints (``RecentErrorMap``'s ids), in one array of slots with
/// linear probing.
///
/// The keys are already hashes, so a slot is found from the key with one multiplication. A
/// `Dictionary` hashed each of them again with SipHash, three to four times per record the
/// dead-letter detector remembers (look up, store, and the eviction's look-ups): with this
/// table, replaying the bench week's partials' dead-letter events took the detector 226
/// million instructions instead of 467 million (callgrind).
///
/// Removal shifts the slots after it back rather than leaving a marker, so look-ups stay short
/// however many entries come and go (the map evicts one for each it stores once full). The
/// table grows at three quarters full, as `Dictionary` does, so memory is the same order.
/// Nothing depends on the slots' order: callers that list the entries sort them.
struct FingerprintTable<Value> {
    fileprivate struct Slot {
        var key: UInt64
        var value: Value?
    }

    private var slots: [Slot]
    private var mask: Int
    private var shift: UInt64
    private(set) var count = 0

    init() {
        slots = Array(repeating: Slot(key: 0, value: nil), count: 16)
        mask = 15
        shift = 64 - 4
    }

    subscript(key: UInt64) -> Value? {
        get {
            let (index, found) = find(key)
            return found ? slots[index].value : nil
        }
        set {
            let (index, found) = find(key)
            switch (found, newValue) {
            case (true, .some):
                slots[index].value = newValue
            case (true, nil):
                remove(at: index)
            case (false, .some):
                if (count + 1) * 4 > slots.count * 3 {
                    grow()
                    self[key] = newValue
                    return
                }
                slots[index] = Slot(key: key, value: newValue)
                count += 1
            case (false, nil):
                break
            }
        }
    }

    /// Every entry, in no particular order.
    var contents: [(key: UInt64, value: Value)] {
        slots.compactMap { slot in slot.value.map { (slot.key, $0) } }
    }

    /// Fibonacci hashing: the top bits of the key times 2⁶⁴/φ, so keys that differ only in
    /// their high bits still spread.
    @inline(__always)
    private func home(of key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The key's slot if it is there, else the empty slot where it would go.
    @inline(__always)
    private func find(_ key: UInt64) -> (index: Int, found: Bool) {
        var index = home(of: key)
        while slots[index].value != nil {
            if slots[index].key == key { return (index, true) }
            index = (index + 1) & mask
        }
        return (index, false)
    }

    /// Empties `index`, then moves back each following entry of the run that may fill the hole
    /// (one whose home is not between the hole and it), so no look-up stops short.
    private mutating func remove(at index: Int) {
        var hole = index
        slots[hole].value = nil
        count -= 1
        var next = (hole + 1) & mask
        while slots[next].value != nil {
            let home = home(of: slots[next].key)
            if (next - home) & mask >= (next - hole) & mask {
                slots[hole] = slots[next]
                slots[next].value = nil
                hole = next
            }
            next = (next + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: 0, value: nil), count: old.count * 2)
        mask = slots.count - 1
        shift -= 1
        count = 0
        for slot in old {
            guard let value = slot.value else { continue }
            let (index, _) = find(slot.key)
            slots[index] = Slot(key: slot.key, value: value)
            count += 1
        }
    }
}

extension FingerprintTable: Sendable where Value: Sendable {}
extension FingerprintTable.Slot: Sendable where Value: Sendable {}
