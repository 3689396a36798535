import Dispatch
import Synchronization

/// Runs two pieces of work at once, `second` on another thread, and returns both results
/// once both have ended. A failure of `first` is thrown before a failure of `second`, so which
/// error a run reports does not depend on timing. With one thread, `first` runs, then `second`,
/// on the calling thread.
///
/// The pieces may use objects that are not `Sendable` (the stages of a run): the caller
/// guarantees they share no mutable state. Nothing outlives the call, since it waits for
/// `second` before returning. Pieces that cannot fail make a call that cannot.
package func concurrently<First, Second, Failure: Error>(threads: Int, _ first: () throws(Failure) -> First,
                                                         _ second: () throws(Failure) -> Second) throws(Failure) -> (First, Second) {
    guard threads > 1 else { return (try first(), try second()) }
    let results = withoutActuallyEscaping(second) { second in
        let other = OtherThreadWork(second)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { other.run() }
        let firstResult = Result(catching: first)
        group.wait()
        return (firstResult, other.result!)
    }
    return (try results.0.get(), try results.1.get())
}

/// The second piece of ``concurrently(threads:_:_:)``: handed to one other thread, read back only after
/// that thread has finished with it (the group's wait orders the two), hence `@unchecked`.
private final class OtherThreadWork<Value, Failure: Error>: @unchecked Sendable {
    private let work: () throws(Failure) -> Value
    private(set) var result: Result<Value, Failure>?

    init(_ work: @escaping () throws(Failure) -> Value) {
        self.work = work
    }

    func run() {
        result = Result(catching: work)
    }
}

/// Calls `body` with each element, on up to `threads` threads at once (each thread takes the
/// next element nobody has taken yet, so a costly element does not leave the others waiting
/// behind it on its thread), and returns when all calls have ended; the error of the first
/// element (in order) whose call failed is thrown. With one thread, the calls are made in
/// order on the calling thread, up to the first that fails.
///
/// As for ``concurrently(threads:_:_:)``, the elements may be objects that are not `Sendable`: the
/// caller guarantees that the calls share no mutable state.
package func forEachConcurrently<Element>(_ elements: [Element], threads: Int, _ body: (Element) throws -> Void) throws {
    let width = min(max(1, threads), elements.count)
    guard width > 1 else {
        for element in elements { try body(element) }
        return
    }
    try withoutActuallyEscaping(body) { body in
        let work = ElementWork(elements, body)
        DispatchQueue.concurrentPerform(iterations: width) { _ in work.runUntilTaken() }
        if let error = work.firstError { throw error }
    }
}

/// The elements and body of ``forEachConcurrently(_:_:)``: shared by the threads of one
/// `concurrentPerform`, which only read them and take indices from an atomic counter; each
/// call's error is kept under a lock (``Locked``).
private final class ElementWork<Element>: @unchecked Sendable {
    private let elements: [Element]
    private let body: (Element) throws -> Void
    private let errors = Locked<[Int: any Error]>([:])
    private let next = Atomic<Int>(0)

    init(_ elements: [Element], _ body: @escaping (Element) throws -> Void) {
        self.elements = elements
        self.body = body
    }

    func runUntilTaken() {
        while true {
            let index = next.add(1, ordering: .relaxed).oldValue
            guard index < elements.count else { return }
            do { try body(elements[index]) } catch { errors.withLock { $0[index] = error } }
        }
    }

    var firstError: (any Error)? {
        errors.withLock { errors in errors.keys.min().flatMap { errors[$0] } }
    }
}

/// The results of `transform` on each element, in the elements' order, computed on up to
/// `threads` threads at once. Each thread takes the next element nobody has taken yet, so one
/// costly element does not leave the other threads idle behind it; which thread computes an
/// element changes nothing in the result. With one thread, the calls are made in order on the
/// calling thread.
///
/// `order`, a permutation of the elements' indices, is the order they are taken in: costly
/// elements first leave no thread working alone at the end. The results stay in the elements'
/// order whatever it is.
///
/// As for ``concurrently(threads:_:_:)``, the elements may be values that are not `Sendable`:
/// the caller guarantees that the calls share no mutable state.
package func mapConcurrently<Element, Result>(_ elements: [Element], threads: Int, order: [Int]? = nil,
                                              _ transform: (Element) -> Result) -> [Result] {
    precondition(order.map { $0.sorted() == Array(elements.indices) } ?? true, "the order is a permutation of the indices")
    let width = min(max(1, threads), elements.count)
    guard width > 1 else { return elements.map(transform) }
    return withoutActuallyEscaping(transform) { transform in
        let work = MappedWork(elements, order: order, transform)
        DispatchQueue.concurrentPerform(iterations: width) { _ in work.runUntilTaken() }
        return work.results
    }
}

/// The elements, transform and results of ``mapConcurrently(_:threads:order:_:)``: the threads
/// of one `concurrentPerform` take positions in the order from an atomic counter, and each
/// writes only its own indices' results, read once `concurrentPerform` has returned.
private final class MappedWork<Element, Result>: @unchecked Sendable {
    private let elements: [Element]
    private let order: [Int]?
    private let transform: (Element) -> Result
    private let next = Atomic<Int>(0)
    private let slots: UnsafeMutableBufferPointer<Result?>

    init(_ elements: [Element], order: [Int]?, _ transform: @escaping (Element) -> Result) {
        self.elements = elements
        self.order = order
        self.transform = transform
        slots = .allocate(capacity: elements.count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func runUntilTaken() {
        while true {
            let position = next.add(1, ordering: .relaxed).oldValue
            guard position < elements.count else { return }
            let index = order?[position] ?? position
            slots[index] = transform(elements[index])
        }
    }

    var results: [Result] { slots.map { $0! } }
}
