import Foundation

/// A spool file of a run's own, in the temporary folder (`TMPDIR`), registered for cleanup on
/// interruption and removed when the owner goes: side files stages keep until the end of a
/// run, so that memory holds names and windows, never records.
package final class TemporarySpool {
    package let path: String
    package let writer: SpoolWriter

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

    /// Closes the writer and opens the file for reading from its start.
    package func reader() throws(SpoolError) -> SpoolReader {
        try writer.close()
        return try SpoolReader(path: path)
    }
}
