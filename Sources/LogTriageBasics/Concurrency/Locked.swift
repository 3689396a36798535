import Foundation

/// A value threads share, read and changed only under a lock.
///
/// The lock is an `NSLock` (a pthread mutex) rather than the standard library's `Mutex`: on
/// Linux `Mutex` waits on a futex that ThreadSanitizer does not see, so a value kept in one
/// read as a race under `make sanitize` where there was none (`forEachConcurrently`'s errors,
/// and before them the byte counts of ``DiskUse`` and the paths of ``TemporaryFiles``, which
/// hold their state in one of these too).
///
/// `@unchecked Sendable`: `value` is read and written only while `lock` is held.
package final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    package init(_ value: Value) { self.value = value }

    /// Runs `body` with the value, holding the lock until it returns.
    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
