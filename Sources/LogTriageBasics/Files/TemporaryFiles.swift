#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Every temporary file and spool directory a run has open, so that an interrupted run
/// (SIGINT, SIGTERM) can remove them before it exits.
///
/// Writers register a path when they create it and forget it when they remove or rename it.
/// `protected` holds the lock for a step that must not be cut in the middle (moving a
/// finished report into place), so an interruption waits for it to end.
///
/// `@unchecked Sendable`: `state` is read and written only while `lock` is held. The lock is
/// an `NSLock` (a pthread mutex) rather than `Mutex`, as for ``DiskUse``: ThreadSanitizer does
/// not see `Mutex`'s futex on Linux, and reported a false race between threads that track and
/// forget files (`analyze --partial` sorts its observations on a thread of its own).
public final class TemporaryFiles: @unchecked Sendable {
    /// The process-wide registry the command line's interruption handler empties.
    public static let shared = TemporaryFiles()

    private struct State {
        var files: Set<String> = []
        var directories: Set<String> = []
    }

    private let lock = NSLock()
    private var state = State()

    public init() {}

    public func trackFile(_ path: String) { lock.withLock { _ = state.files.insert(path) } }
    public func trackDirectory(_ path: String) { lock.withLock { _ = state.directories.insert(path) } }
    public func forget(_ path: String) {
        lock.withLock {
            state.files.remove(path)
            state.directories.remove(path)
        }
    }

    /// What is registered now, sorted (for tests and messages).
    public var paths: [String] { lock.withLock { (state.files.union(state.directories)).sorted() } }

    /// Runs `body` with interruption cleanup held off until it returns.
    public func protected<Result>(_ body: () throws -> Result) rethrows -> Result {
        try lock.withLock { try body() }
    }

    /// Removes every registered file and directory (with what is inside); returns how many
    /// paths were removed. Waits for a step in `protected` to finish first.
    @discardableResult
    public func removeAll() -> Int {
        lock.withLock {
            var removed = 0
            for file in state.files.sorted() where unlink(file) == 0 { removed += 1 }
            for directory in state.directories.sorted() where (try? FileManager.default.removeItem(atPath: directory)) != nil {
                removed += 1
            }
            state.files.removeAll()
            state.directories.removeAll()
            return removed
        }
    }
}
