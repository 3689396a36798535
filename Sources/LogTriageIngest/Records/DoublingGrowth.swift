/// Growth by doubling of memory of our own, for buffers of plain values (bytes, record
/// entries) that grow to the largest batch and are then reused.
enum DoublingGrowth {
    /// Makes `pointer` hold at least `needed` elements, keeping its first `count`: the capacity
    /// doubles (from 64 at least) until they fit.
    static func grow<Element>(_ pointer: inout UnsafeMutablePointer<Element>, capacity: inout Int, keeping count: Int,
                              toHold needed: Int) {
        guard needed > capacity else { return }
        var newCapacity = max(capacity, 64)
        while newCapacity < needed { newCapacity *= 2 }
        let replacement = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        replacement.moveInitialize(from: pointer, count: count)
        pointer.deallocate()
        pointer = replacement
        capacity = newCapacity
    }
}
