#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LogTriageBasics

/// Reads an open file descriptor with read(2); the raw layer under `DecodedInputStream`.
///
/// Owned by one thread at a time (opened on the caller's thread, then used only by the
/// decode thread). Standard input is read but never closed.
final class FileDescriptorReader {
    /// A read(2) failure, described for the user.
    struct Failure: Error {
        let reason: String
    }

    private var descriptor: Int32
    private let ownsDescriptor: Bool

    init(descriptor: Int32, ownsDescriptor: Bool) {
        self.descriptor = descriptor
        self.ownsDescriptor = ownsDescriptor
    }

    deinit { close() }

    /// Reads at most `count` bytes into `destination`; 0 means the end of the input.
    func read(into destination: UnsafeMutableRawPointer, count: Int) throws(Failure) -> Int {
        guard descriptor >= 0 else { return 0 }
        while true {
            #if canImport(Glibc)
            let result = Glibc.read(descriptor, destination, count)
            #else
            let result = Darwin.read(descriptor, destination, count)
            #endif
            if result >= 0 { return result }
            let code = errno
            if code == EINTR { continue }
            throw Failure(reason: "read failed: " + InputError.reason(errno: code))
        }
    }

    /// Releases the descriptor (unless it is standard input); later reads return 0.
    func close() {
        guard descriptor >= 0 else { return }
        #if canImport(Glibc)
        if ownsDescriptor { _ = Glibc.close(descriptor) }
        #else
        if ownsDescriptor { _ = Darwin.close(descriptor) }
        #endif
        descriptor = -1
    }
}
