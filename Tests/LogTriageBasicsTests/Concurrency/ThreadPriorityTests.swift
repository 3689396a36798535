import Dispatch
import Foundation
import Testing
@testable import LogTriageBasics

/// Lowering a thread's priority changes that thread only: the thread that started it, and so
/// the threads that read and analyse a run, keep theirs. Each lowering runs on a thread made
/// for it, so no test runner's thread is left lowered.
@Suite struct ThreadPriorityTests {
    /// What a thread saw of its own priority: before and after lowering it.
    final class Seen: @unchecked Sendable {
        var before: Int32?
        var returned: Int32?
        var after: Int32?
    }

    /// Lowers the priority of a new thread by `steps` and waits for it.
    static func lowerOnNewThread(by steps: Int32) -> Seen {
        let seen = Seen()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            seen.before = ThreadPriority.currentThreadNice
            seen.returned = ThreadPriority.lowerCurrentThread(by: steps)
            seen.after = ThreadPriority.currentThreadNice
            done.signal()
        }
        thread.start()
        done.wait()
        return seen
    }

    @Test(arguments: [Int32(1), 5, 100])
    func onlyTheCallingThreadIsLowered(steps: Int32) throws {
        let callerBefore = ThreadPriority.currentThreadNice
        let seen = Self.lowerOnNewThread(by: steps)
        #expect(ThreadPriority.currentThreadNice == callerBefore)
        #if os(Linux)
        let before = try #require(seen.before)
        #expect(seen.returned == min(before + steps, 19))
        #expect(seen.after == seen.returned)
        #else
        #expect(seen.returned == nil)
        #endif
    }

    /// A negative step would ask for a higher priority, which is not what the call is for.
    @Test func aNegativeStepLeavesThePriorityAsItWas() throws {
        let seen = Self.lowerOnNewThread(by: -5)
        #if os(Linux)
        #expect(seen.returned == seen.before)
        #expect(seen.after == seen.before)
        #else
        #expect(seen.returned == nil)
        #endif
    }
}
