import Foundation
import Testing
@testable import LogTriageBasics

/// A thread's name reaches the system (where `top -H` and `perf` read it), cut to what the
/// kernel keeps, and a batch worker's thread carries the name it was given.
@Suite struct ThreadNameTests {
    final class Box: @unchecked Sendable {
        var name: String?
    }

    /// Runs `body` on a new thread and returns what it saw, once it has finished.
    static func onNewThread(_ body: @escaping @Sendable () -> String?) -> String? {
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.name = body()
            done.signal()
        }
        thread.start()
        done.wait()
        return box.name
    }

    @Test func aNameSetOnTheThreadIsTheSystemsName() {
        let seen = Self.onNewThread {
            #expect(ThreadName.nameCurrentThread("lt-test"))
            return ThreadName.currentThreadName
        }
        #expect(seen == "lt-test")
    }

    #if os(Linux)
    /// Linux shows the name in `/proc`, where `top -H` and `ps -L` read it.
    @Test func linuxShowsTheNameInProc() throws {
        let seen = Self.onNewThread {
            ThreadName.nameCurrentThread("lt-proc")
            let path = "/proc/thread-self/comm"
            return (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .newlines)
        }
        #expect(seen == "lt-proc")
    }
    #endif

    @Test func aLongNameIsCutToWhatTheKernelKeeps() {
        #expect(ThreadName.truncated("logtriage-contexts") == "logtriage-conte")
        #expect(ThreadName.truncated("logtriage-conte") == "logtriage-conte")
        #expect(ThreadName.truncated("") == "")
        // A character is never split: "é" is two bytes, and 14 + 2 would be 16.
        #expect(ThreadName.truncated(String(repeating: "a", count: 14) + "é") == String(repeating: "a", count: 14))
        let seen = Self.onNewThread {
            #expect(ThreadName.nameCurrentThread("logtriage-contexts"), "a long name is cut, not refused")
            return ThreadName.currentThreadName
        }
        #expect(seen == "logtriage-conte")
    }

    @Test func aBatchWorkersThreadCarriesItsName() throws {
        let box = Box()
        let worker = BatchWorker<Int>(name: "lt-named") { _ in box.name = ThreadName.currentThreadName }
        try worker.submit(1)
        try worker.close()
        #expect(box.name == "lt-named")
    }
}
