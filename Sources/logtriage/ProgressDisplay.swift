import Foundation
import LogTriage
import LogTriageBasics
import LogTriageIngest

/// Redraws one status line on stderr twice a second while a run reads its inputs: bytes
/// and records per second, share of input read, and time left.
///
/// Only shown on a terminal (and not with `TERM=dumb`), so pipes, files and CI logs stay clean.
final class ProgressDisplay: @unchecked Sendable {
    private let progress: IngestProgress
    private let started = Date()
    private let condition = NSCondition()
    private var stopped = false
    private var thread: Thread?

    static func isWanted(quiet: Bool) -> Bool {
        !quiet && isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    init(progress: IngestProgress) { self.progress = progress }

    func start() {
        thread = ThreadName.startThread(named: "lt-progress") { [self] in run() }
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
        while thread?.isFinished == false { usleep(1000) }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func run() {
        condition.lock()
        while !stopped {
            _ = condition.wait(until: Date().addingTimeInterval(0.5))
            if !stopped { draw() }
        }
        condition.unlock()
    }

    private func draw() {
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let read = progress.inputBytesRead
        let total = progress.totalInputBytes
        var line = String(format: "reading: %@ at %.0f MB/s, %@ records (%.0f/s)",
                          Self.megabytes(progress.decompressedBytes),
                          Double(progress.decompressedBytes) / elapsed / 1e6,
                          Self.grouped(progress.records), Double(progress.records) / elapsed)
        if total > 0 {
            let fraction = min(Double(read) / Double(total), 1)
            line += String(format: ", %.0f%% of input", fraction * 100)
            if fraction > 0.01 {
                line += String(format: ", %.0fs left", elapsed / fraction - elapsed)
            }
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }

    static func grouped(_ value: Int) -> String { DigitGrouping.grouped(value) }
}
