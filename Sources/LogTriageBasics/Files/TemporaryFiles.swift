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
/// Its state is behind a ``Locked``: ThreadSanitizer does not see `Mutex`'s futex on Linux, and
/// reported a false race between threads that track and forget files (`analyze --partial`
/// sorts its observations on a thread of its own).
public final class TemporaryFiles: Sendable {
    /// The process-wide registry the command line's interruption handler empties.
    public static let shared = TemporaryFiles()

    private struct State {
        var files: Set<String> = []
        var directories: Set<String> = []
    }

    private let state = Locked(State())

    public init() {}

    public func trackFile(_ path: String) { state.withLock { _ = $0.files.insert(path) } }
    public func trackDirectory(_ path: String) { state.withLock { _ = $0.directories.insert(path) } }
    public func forget(_ path: String) {
        state.withLock { state in
            state.files.remove(path)
            state.directories.remove(path)
        }
    }

    /// What is registered now, sorted (for tests and messages).
    public var paths: [String] { state.withLock { $0.files.union($0.directories).sorted() } }

    /// Runs `body` with interruption cleanup held off until it returns.
    public func protected<Result>(_ body: () throws -> Result) rethrows -> Result {
        try state.withLock { _ in try body() }
    }

    /// Removes every registered file and directory (with what is inside); returns how many
    /// paths were removed. Waits for a step in `protected` to finish first.
    @discardableResult
    public func removeAll() -> Int {
        state.withLock { state in
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
