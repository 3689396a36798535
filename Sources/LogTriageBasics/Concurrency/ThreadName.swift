import CThreadName
import Foundation

/// Names the calling thread where the system shows it: in `top -H`, `ps -L`, `perf` and a
/// debugger, so that an operator watching a slow run sees which stage holds a core.
///
/// Foundation's `Thread.name` never reaches the kernel on Linux, so every thread showed the
/// program's name. The kernel keeps 15 bytes of a name; a longer one is refused whole, so the
/// name is cut to 15 bytes (at a character boundary) first.
package enum ThreadName {
    /// The most bytes of a name the kernel keeps.
    package static let maxBytes = 15

    /// Names the calling thread `name`, cut to ``maxBytes``. Returns whether the system took it
    /// (a thread left unnamed runs as before).
    @discardableResult
    package static func nameCurrentThread(_ name: String) -> Bool {
        logtriage_set_current_thread_name(truncated(name)) == 0
    }

    /// Starts a thread that names itself `name` and then runs `body`. The name is set from
    /// inside the thread, as Linux takes it only there; every thread of a run starts here, so
    /// none is left showing the program's name.
    @discardableResult
    package static func startThread(named name: String, _ body: @escaping @Sendable () -> Void) -> Thread {
        let thread = Thread {
            nameCurrentThread(name)
            body()
        }
        thread.start()
        return thread
    }

    /// The calling thread's name as the system holds it; nil where it cannot be read.
    package static var currentThreadName: String? {
        var buffer = [CChar](repeating: 0, count: 64)
        guard logtriage_get_current_thread_name(&buffer, buffer.count) == 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `name`'s longest prefix of whole characters within ``maxBytes`` bytes.
    package static func truncated(_ name: String) -> String {
        var result = ""
        var bytes = 0
        for character in name {
            let size = character.utf8.count
            guard bytes + size <= maxBytes else { break }
            result.append(character)
            bytes += size
        }
        return result
    }
}
