#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Writes a run's output files so that a failed run leaves no half-written report.
///
/// Each file is written to a hidden temporary name in the output folder and renamed into
/// place only when `commit()` is called after every file was written; `discard()` (or
/// deinit without commit) removes the temporaries. Rename within one folder is atomic.
public final class ReportFolder {
    public let directory: String
    private var staged: [(temporary: String, final: String)] = []
    private var committed = false

    /// Creates the folder (and parents) when missing.
    public init(directory: String) throws {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputError.cannotCreate(path: directory, errno: errno == 0 ? EIO : errno)
        }
    }

    deinit { if !committed { discard() } }

    /// The temporary path a streaming writer should write `name` to; the caller writes it
    /// fully and it is moved into place at commit.
    public func stagingPath(for name: String) -> String {
        let temporary = "\(directory)/.\(name).partial-\(getpid())"
        staged.append((temporary, "\(directory)/\(name)"))
        TemporaryFiles.shared.trackFile(temporary)
        return temporary
    }

    /// Writes `text` as `name` (moved into place at commit).
    public func write(_ text: String, as name: String) throws {
        let sink = try OutputSink(path: stagingPath(for: name))
        var copy = text
        try copy.withUTF8 { try sink.write(UnsafeRawBufferPointer($0)) }
        try sink.close()
    }

    /// Moves every staged file into place; an interruption waits until all of them are.
    public func commit() throws {
        try TemporaryFiles.shared.protected {
            for (temporary, final) in staged {
                guard rename(temporary, final) == 0 else {
                    throw OutputError.renameFailed(from: temporary, to: final, errno: errno)
                }
            }
        }
        for (temporary, _) in staged { TemporaryFiles.shared.forget(temporary) }
        committed = true
        staged.removeAll()
    }

    /// Removes every staged file.
    public func discard() {
        for (temporary, _) in staged {
            unlink(temporary)
            TemporaryFiles.shared.forget(temporary)
        }
        staged.removeAll()
    }
}
