#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import LogTriageBasics

/// SIGINT and SIGTERM end a run cleanly: temporary spools and half-written files are
/// removed, the previous report folder is left as it was, and the exit status is the
/// shell's usual 128 + signal number (130, 143).
enum InterruptionHandler {
    /// Kept alive for the whole process: a cancelled or released source stops delivering.
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    static func install() {
        // A file size limit (`ulimit -f`) then fails the write with EFBIG, which the run
        // reports as a shortage of space after removing its temporaries, instead of the
        // default SIGXFSZ that kills the process and leaves them behind.
        signal(SIGXFSZ, SIG_IGN)
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                let removed = TemporaryFiles.shared.removeAll()
                let name = signalNumber == SIGINT ? "SIGINT" : "SIGTERM"
                FileHandle.standardError.write(Data(
                    "\nlogtriage: interrupted by \(name); removed \(removed) temporary file(s)\n".utf8))
                _exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}
