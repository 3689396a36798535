#if canImport(Glibc)
import Glibc
#endif

/// The scheduling priority of the calling thread, for a thread whose work has slack.
///
/// A thread that fills a buffer ahead of its reader (the inflating thread) can wait for a
/// moment when a core is idle without slowing the run, while the threads that parse and
/// analyse cannot. Left at the same priority, the scheduler shares the cores evenly between
/// them all, and the analysing threads take turns with the inflating one. Only Linux gives
/// each thread a nice value of its own (a per-thread attribute under NPTL); elsewhere, where
/// `setpriority` would change the whole process, nothing changes.
package enum ThreadPriority {
    /// Raises the calling thread's nice value by `steps` (to 19 at most), leaving every other
    /// thread as it is. Returns the thread's nice value after the change, or nil where
    /// threads have no nice value of their own or the change failed (the thread then runs as
    /// before, which costs speed, not correctness).
    package static func lowerCurrentThread(by steps: Int32) -> Int32? {
        #if os(Linux)
        guard let current = currentThreadNice else { return nil }
        let lowered = min(current + max(steps, 0), 19)
        guard setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, lowered) == 0 else { return nil }
        return currentThreadNice
        #else
        return nil
        #endif
    }

    /// The calling thread's nice value; nil where threads have none of their own.
    package static var currentThreadNice: Int32? {
        #if os(Linux)
        // -1 is a nice value as well as the error result: errno tells them apart.
        errno = 0
        let value = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        return errno == 0 ? value : nil
        #else
        return nil
        #endif
    }
}
