#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A private directory (`logtriage-spool-XXXXXX`, mode 0700) holding one detector's temporary
/// files; removing it removes them all, whatever step failed.
package final class SpoolDirectory {
    package let path: String
    /// Under the lock: the stale-invoice judgement names files from several threads.
    private var nextNumber = 0
    private let lock = NSLock()
    private var removed = false

    package init(in parent: String) throws(SpoolError) {
        let base = parent.hasSuffix("/") ? String(parent.dropLast()) : parent
        var template = Array((base + "/logtriage-spool-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard created != nil else {
            let code = errno
            DiskUse.shared.noteWriteFailure(path: base + "/logtriage-spool-XXXXXX", errno: code)
            throw .cannotCreateSpool(directory: parent, reason: InputError.reason(errno: code))
        }
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        TemporaryFiles.shared.trackDirectory(path)
    }

    deinit { remove() }

    /// A new file name in the directory; `purpose` only helps someone reading a listing.
    package func newFilePath(_ purpose: String) -> String {
        let number = lock.withLock {
            nextNumber += 1
            return nextNumber
        }
        return "\(path)/\(purpose)-\(number)"
    }

    /// Deletes a file that is no longer needed, so disk use stays near the size of one copy.
    package func removeFile(_ filePath: String) {
        _ = unlink(filePath)
    }

    /// Deletes every file and the directory; safe to call twice.
    package func remove() {
        guard !removed else { return }
        removed = true
        TemporaryFiles.shared.forget(path)
        if let stream = opendir(path) {
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
                }
                if name != "." && name != ".." { _ = unlink("\(path)/\(name)") }
            }
            closedir(stream)
        }
        _ = rmdir(path)
    }
}
