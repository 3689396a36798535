#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output could not be written.
public enum OutputError: Error, Equatable, CustomStringConvertible {
    case cannotCreate(path: String, errno: Int32)
    case writeFailed(path: String, errno: Int32)
    case compression(path: String, code: Int32)
    case renameFailed(from: String, to: String, errno: Int32)

    public var description: String {
        switch self {
        case let .cannotCreate(path, code): "cannot create \(path): \(String(cString: strerror(code)))"
        case let .writeFailed(path, code): "cannot write \(path): \(String(cString: strerror(code)))"
        case let .compression(path, code): "gzip compression failed for \(path) (status \(code))"
        case let .renameFailed(from, to, code):
            "cannot move \(from) to \(to): \(String(cString: strerror(code)))"
        }
    }
}

/// An unbuffered file descriptor opened for writing; the raw layer under writers.
package final class OutputSink {
    let path: String
    private var descriptor: Int32
    private(set) var hasWritten = false

    package init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            DiskUse.shared.noteWriteFailure(path: path, errno: code)
            throw OutputError.cannotCreate(path: path, errno: code)
        }
    }

    deinit {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
    }

    package func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var cursor = bytes.baseAddress else { return }
        var remaining = bytes.count
        hasWritten = true
        while remaining > 0 {
            let written = Glibc.write(descriptor, cursor, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                let code = errno
                DiskUse.shared.wrote(bytes.count - remaining, to: path)
                throw failure(code)
            }
            cursor += written
            remaining -= written
        }
        DiskUse.shared.wrote(bytes.count, to: path)
    }

    /// Overwrites one byte at `offset` (the file keeps its length and write position).
    package func writeByte(_ byte: UInt8, at offset: Int) throws {
        var value = byte
        guard pwrite(descriptor, &value, 1, off_t(offset)) == 1 else { throw failure(errno) }
    }

    package func close() throws {
        guard descriptor >= 0 else { return }
        let status = Glibc.close(descriptor)
        descriptor = -1
        if status != 0 { throw failure(errno) }
    }

    /// The error for a failed write, noted first when the disk is full.
    private func failure(_ code: Int32) -> OutputError {
        DiskUse.shared.noteWriteFailure(path: path, errno: code)
        return .writeFailed(path: path, errno: code)
    }
}
