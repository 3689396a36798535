/// A reusable byte buffer that grows to the largest record seen and shrinks back after an
/// outsized one, so memory follows the record size, not the input size.
struct ScratchBuffer {
    private(set) var pointer: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    private static let retainedCapacity = 1 << 20

    init(capacity: Int = 1 << 16) {
        self.capacity = capacity
        pointer = .allocate(capacity: capacity)
    }

    /// Makes room for `needed` bytes; the old content is discarded.
    mutating func reserve(_ needed: Int) {
        if needed > capacity || (capacity > Self.retainedCapacity && needed <= Self.retainedCapacity) {
            pointer.deallocate()
            capacity = max(needed, 1 << 16)
            pointer = .allocate(capacity: capacity)
        }
    }

    /// Makes room for `needed` bytes, keeping the first `used`.
    mutating func grow(to needed: Int, keeping used: Int) {
        DoublingGrowth.grow(&pointer, capacity: &capacity, keeping: used, toHold: needed)
    }

    func release() { pointer.deallocate() }
}
