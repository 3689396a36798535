import Foundation

/// A result one piece of ``concurrently(threads:_:_:)`` works out early and the other waits
/// for later: the pieces then need not be cut where the result becomes known.
///
/// A merge of partials works out the clusters' merged positions first, on one thread, and
/// appends the clusters' invoice-failure rows with them on the other, after judging the
/// invoice observations, so that neither thread waits for the other's longest step.
///
/// The result is handed over whether it is a value or an error, so a waiting piece never
/// waits for a step that failed. With one thread the pieces run in order on it, so the result
/// must be produced by the first piece and awaited by the second, never the other way round.
///
/// `@unchecked Sendable`: `result` is written once and read only under `condition`'s lock.
package final class HandOver<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<Value, any Error>?

    package init() {}

    /// Runs `body` and hands its value or its error over; returns the value, or rethrows.
    package func produce(_ body: () throws -> Value) throws -> Value {
        let result = Result(catching: body)
        condition.lock()
        precondition(self.result == nil, "a HandOver is produced once")
        self.result = result
        condition.broadcast()
        condition.unlock()
        return try result.get()
    }

    /// Waits until the value is produced and returns it, or throws the error producing it threw.
    package func value() throws -> Value {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return try result!.get()
    }
}
