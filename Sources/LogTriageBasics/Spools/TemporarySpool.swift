import Foundation

/// A spool file of a run's own, in the temporary folder (`TMPDIR`), registered for cleanup on
/// interruption and removed when the owner goes: side files stages keep until the end of a
/// run, so that memory holds names and windows, never records.
package final class TemporarySpool {
    package let path: String
    package let writer: SpoolWriter
    /// Whether the writer is closed; taken under ``sealLock``, since readers may be opened on
    /// several threads at once (a stage that finishes in parts walks its rows from each).
    private var sealed = false
    private let sealLock = NSLock()

    /// `purpose` names the file (`logtriage-<purpose>-<pid>-<uuid>`), to tell spools apart on disk.
    package init(purpose: String) throws(SpoolError) {
        path = NSTemporaryDirectory() + "/logtriage-\(purpose)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        writer = try SpoolWriter(path: path)
        TemporaryFiles.shared.trackFile(path)
    }

    deinit {
        unlink(path)
        TemporaryFiles.shared.forget(path)
    }

    /// Closes the writer (once, whichever reader comes first) and opens the file for reading
    /// from its start; nothing may be written after the first reader.
    package func reader() throws(SpoolError) -> SpoolReader {
        try seal()
        return try SpoolReader(path: path)
    }

    /// Closes the writer now, without a reader yet: a spool written early and read late then
    /// holds no file open meanwhile. Nothing may be written after.
    package func seal() throws(SpoolError) {
        sealLock.lock()
        defer { sealLock.unlock() }
        if !sealed {
            try writer.close()
            sealed = true
        }
    }
}
