#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends rows to a new spool file through a 64 KiB buffer; integers are little-endian.
package final class SpoolWriter {
    package let path: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private static let flushThreshold = 1 << 16

    package init(path: String) throws(SpoolError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw Self.failure(path: path, errno: errno) }
        buffer.reserveCapacity(Self.flushThreshold + 256)
    }

    /// Closes without flushing: a writer dropped early belongs to a failed run whose files go anyway.
    deinit {
        guard descriptor >= 0 else { return }
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
    }

    package func write(_ value: UInt8) { buffer.append(value) }

    package func write(_ value: Int32) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    package func write(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    package func write(_ bytes: some Collection<UInt8>) { buffer.append(contentsOf: bytes) }

    /// Five numbers in one step: a follow-up row (``StaleFollowUps``), the most written.
    package func write(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64, _ e: Int64) {
        withUnsafeBytes(of: (a.littleEndian, b.littleEndian, c.littleEndian, d.littleEndian, e.littleEndian)) {
            buffer.append(contentsOf: $0)
        }
    }

    /// Called after each row, so a row never waits long in memory.
    package func endRow() throws(SpoolError) {
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Writes what is buffered and closes the file, giving the buffer back: a merge keeps
    /// every partial's sealed spools until it reads them, five to a partial.
    package func close() throws(SpoolError) {
        try flush()
        buffer = []
        guard descriptor >= 0 else { return }
        #if canImport(Glibc)
        let result = Glibc.close(descriptor)
        #else
        let result = Darwin.close(descriptor)
        #endif
        descriptor = -1
        if result != 0 { throw Self.failure(path: path, errno: errno) }
    }

    private func flush() throws(SpoolError) {
        var failure: Int32 = 0
        var offset = 0
        buffer.withUnsafeBytes { raw in
            while offset < raw.count {
                #if canImport(Glibc)
                let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                #else
                let written = Darwin.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                #endif
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        DiskUse.shared.wrote(offset, to: path)
        if failure != 0 { throw Self.failure(path: path, errno: failure) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// The error for a failed write, noted first when the disk is full.
    private static func failure(path: String, errno code: Int32) -> SpoolError {
        DiskUse.shared.noteWriteFailure(path: path, errno: code)
        return .spoolFailed(path: path, reason: InputError.reason(errno: code))
    }
}
