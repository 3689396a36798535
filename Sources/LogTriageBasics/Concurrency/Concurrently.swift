import Dispatch
import Synchronization

/// Runs two pieces of work at once, `second` on another thread, and returns both results
/// once both have ended. A failure of `first` is thrown before a failure of `second`, so which
/// error a run reports does not depend on timing.
///
/// The pieces may use objects that are not `Sendable` (the stages of a run): the caller
/// guarantees they share no mutable state. Nothing outlives the call, since it waits for
/// `second` before returning.
package func concurrently<First, Second>(_ first: () throws -> First,
                                         _ second: () throws -> Second) throws -> (First, Second) {
    try withoutActuallyEscaping(second) { second in
        let other = OtherThreadWork(second)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { other.run() }
        let firstResult = Result { try first() }
        group.wait()
        return (try firstResult.get(), try other.result!.get())
    }
}

/// The second piece of ``concurrently(_:_:)``: handed to one other thread, read back only after
/// that thread has finished with it (the group's wait orders the two), hence `@unchecked`.
private final class OtherThreadWork<Value>: @unchecked Sendable {
    private let work: () throws -> Value
    private(set) var result: Result<Value, any Error>?

    init(_ work: @escaping () throws -> Value) {
        self.work = work
    }

    func run() {
        result = Result { try work() }
    }
}

/// Calls `body` with each element at once, on every core, and returns when all calls have
/// ended; the error of the first element (in order) whose call failed is thrown.
///
/// As for ``concurrently(_:_:)``, the elements may be objects that are not `Sendable`: the
/// caller guarantees that the calls share no mutable state.
package func forEachConcurrently<Element>(_ elements: [Element], _ body: (Element) throws -> Void) throws {
    try withoutActuallyEscaping(body) { body in
        let work = ElementWork(elements, body)
        DispatchQueue.concurrentPerform(iterations: elements.count) { work.run($0) }
        if let error = work.firstError { throw error }
    }
}

/// The elements and body of ``forEachConcurrently(_:_:)``: shared by the threads of one
/// `concurrentPerform`, which only read them; each call's error is kept under a lock.
private final class ElementWork<Element>: @unchecked Sendable {
    private let elements: [Element]
    private let body: (Element) throws -> Void
    private let errors: Mutex<[Int: any Error]>

    init(_ elements: [Element], _ body: @escaping (Element) throws -> Void) {
        self.elements = elements
        self.body = body
        errors = Mutex([:])
    }

    func run(_ index: Int) {
        do { try body(elements[index]) } catch { errors.withLock { $0[index] = error } }
    }

    var firstError: (any Error)? {
        errors.withLock { errors in errors.keys.min().flatMap { errors[$0] } }
    }
}
