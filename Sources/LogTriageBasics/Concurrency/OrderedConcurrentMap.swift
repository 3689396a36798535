import Dispatch
import Synchronization

/// Transforms every element on up to `jobs` threads and returns the results in the
/// elements' order, so what a caller builds from them is the same for any number of threads.
///
/// Threads take the next element as they become free (elements often differ a lot in cost),
/// but each result lands in its element's slot. `transform` may read shared state and must
/// not write any: that is the caller's promise, which the compiler cannot check here.
package func orderedConcurrentMap<Element, Result>(_ elements: [Element], jobs: Int,
                                                   _ transform: (Element) -> Result) -> [Result] {
    guard jobs > 1, elements.count > 1 else { return elements.map(transform) }
    return withoutActuallyEscaping(transform) { transform in
        let slots = UnsafeMutableBufferPointer<Result>.allocate(capacity: elements.count)
        defer { slots.deallocate() }
        let work = SharedWork(elements: elements, transform: transform, slots: slots)
        DispatchQueue.concurrentPerform(iterations: min(jobs, elements.count)) { _ in work.run() }
        let results = Array(slots)
        _ = slots.baseAddress.map { $0.deinitialize(count: elements.count) }
        return results
    }
}

/// The state the threads of ``orderedConcurrentMap(_:jobs:_:)`` share: the next element to
/// take (atomic) and one result slot per element, each written by exactly one thread.
private final class SharedWork<Element, Result>: @unchecked Sendable {
    let elements: [Element]
    let transform: (Element) -> Result
    let slots: UnsafeMutableBufferPointer<Result>
    let next = Atomic<Int>(0)

    init(elements: [Element], transform: @escaping (Element) -> Result, slots: UnsafeMutableBufferPointer<Result>) {
        self.elements = elements
        self.transform = transform
        self.slots = slots
    }

    func run() {
        while true {
            let index = next.add(1, ordering: .relaxed).oldValue
            guard index < elements.count else { return }
            (slots.baseAddress! + index).initialize(to: transform(elements[index]))
        }
    }
}
