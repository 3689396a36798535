#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// What a run has written per folder, and the first write that failed for lack of space, so
/// the run can stop with a message that says where space ran out and how much it needs.
///
/// Writers (spools, report files) add what they write and call `noteWriteFailure` before
/// throwing their own error; the command line asks for `shortage` when a run fails. The
/// share of the input read at the failure is taken then, from `inputProgress`, because the
/// read goes on to the end of the input after a stage has failed.
///
/// Its state is behind a ``Locked``, which ThreadSanitizer sees through, unlike `Mutex` on Linux.
public final class DiskUse: Sendable {
    /// The process-wide registry every writer reports to.
    public static let shared = DiskUse()

    private struct State {
        /// Bytes written per directory of a written file.
        var written: [String: Int64] = [:]
        var shortage: DiskShortage?
        var inputProgress: (@Sendable () -> (read: Int, total: Int))?
    }

    private let state = Locked(State())

    public init() {}

    /// Where the input stands (bytes read, total bytes; total 0 when unknown, as for stdin).
    public func follow(inputProgress: @escaping @Sendable () -> (read: Int, total: Int)) {
        state.withLock { $0.inputProgress = inputProgress }
    }

    /// Counts `count` bytes written to the file at `path`.
    package func wrote(_ count: Int, to path: String) {
        guard count > 0 else { return }
        let directory = Self.directory(of: path)
        state.withLock { $0.written[directory, default: 0] += Int64(count) }
    }

    /// Bytes written by this run to files in `folder` or below it.
    public func written(under folder: String) -> Int64 {
        let root = Self.trimmed(folder)
        return state.withLock { state in
            state.written.reduce(0) { total, entry in
                entry.key == root || entry.key.hasPrefix(root + "/") ? total + entry.value : total
            }
        }
    }

    /// Records a failed write of `path` when `code` says the disk, the quota or the file size
    /// limit is exhausted (ENOSPC, EDQUOT, EFBIG); other failures are not about space.
    package func noteWriteFailure(path: String, errno code: Int32) {
        guard Self.isShortOfSpace(code) else { return }
        let path = Self.trimmed(path)
        let folder = Self.folder(of: path)
        state.withLock { state in
            guard state.shortage == nil else { return }
            let written = state.written.reduce(Int64(0)) { total, entry in
                entry.key == folder || entry.key.hasPrefix(folder + "/") ? total + entry.value : total
            }
            let progress = state.inputProgress?()
            state.shortage = DiskShortage(
                folder: folder, path: path, errno: code, written: written,
                inputRead: progress?.read ?? 0, inputTotal: progress?.total ?? 0,
                available: Self.availableBytes(in: folder), fileSizeLimit: code == EFBIG ? Self.fileSizeLimit() : nil,
                isTemporary: folder == Self.trimmed(NSTemporaryDirectory()))
        }
    }

    /// The first write that failed for lack of space in this run, if any.
    public var shortage: DiskShortage? { state.withLock { $0.shortage } }

    /// Forgets everything (tests that run several analyses in one process).
    public func reset() {
        state.withLock { $0 = State() }
    }

    static func isShortOfSpace(_ code: Int32) -> Bool { code == ENOSPC || code == EDQUOT || code == EFBIG }

    /// The folder a user chooses for a path: the temporary directory for the run's spools
    /// (also inside a `logtriage-spool-…` directory of it), else the file's directory.
    static func folder(of path: String) -> String {
        let temporary = trimmed(NSTemporaryDirectory())
        if path.hasPrefix(temporary + "/") { return temporary }
        return directory(of: path)
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : trimmed(String(path[..<slash]))
    }

    private static func trimmed(_ folder: String) -> String {
        var text = folder
        while text.count > 1, text.hasSuffix("/") { text.removeLast() }
        while text.contains("//") { text = text.replacingOccurrences(of: "//", with: "/") }
        return text
    }

    private static func availableBytes(in folder: String) -> Int64? {
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return nil }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }

    private static func fileSizeLimit() -> Int64? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        return Int64(limit.rlim_cur)
    }
}
