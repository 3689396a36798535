import Foundation
import Testing
import LogTriageTestSupport

/// A run that cannot write for lack of space stops with status 4 and a message naming the
/// folder and what the run needs there; it leaves no temporary file and the previous report
/// as it was. The shortage is real: the built command runs under a file size limit
/// (`ulimit -f`), so its writes fail with EFBIG as they would with ENOSPC on a full disk.
/// Skipped under ThreadSanitizer (`make sanitize` sets `LOGTRIAGE_SANITIZER=thread`), whose
/// runtime itself dies of SIGBUS under a file size limit.
@Suite("Command line: full disk", .enabled(if: BuiltCommand.path != nil
    && ProcessInfo.processInfo.environment["LOGTRIAGE_SANITIZER"] != "thread"))
struct DiskFullTests {
    /// A folder with last week's report in it, a temporary folder, and a run of the built
    /// command in between under `ulimit -f blocks` (blocks of 512 bytes in POSIX sh).
    struct LimitedRun {
        let fixtures: InputFixtures
        let temporary: String
        let out: String
        let previous = Data("{\"previous\": true}\n".utf8)
        var status: Int32 = 0
        var messages = ""

        init() throws {
            fixtures = try InputFixtures()
            temporary = fixtures.path("tmp")
            out = fixtures.path("report")
            try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try previous.write(to: URL(fileURLWithPath: out + "/summary.json"))
        }

        mutating func run(_ arguments: [String], blocks: Int) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            let command = try #require(BuiltCommand.path)
            process.arguments = ["-c", "ulimit -f \(blocks) && exec \"$0\" \"$@\"", command] + arguments
            var environment = ProcessInfo.processInfo.environment
            environment["TMPDIR"] = temporary
            process.environment = environment
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            messages = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            status = process.terminationStatus
        }

        /// Nothing of the run is left: the temporary folder is empty and the report folder
        /// holds last week's report only, unchanged.
        func expectNothingLeft(sourceLocation: SourceLocation = #_sourceLocation) throws {
            #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty, sourceLocation: sourceLocation)
            #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["summary.json"], sourceLocation: sourceLocation)
            #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")) == previous, sourceLocation: sourceLocation)
        }
    }

    /// The megabytes in "needs about 1.5 MB" (KB read as thousandths).
    static func neededMegabytes(_ message: String) -> Double? {
        guard let range = message.range(of: #"needs (about|at least) [0-9.]+ (KB|MB|GB)"#, options: .regularExpression) else {
            return nil
        }
        let words = message[range].split(separator: " ")
        guard let value = Double(words[words.count - 2]) else { return nil }
        switch words.last! {
        case "KB": return value / 1e3
        case "GB": return value * 1e3
        default: return value
        }
    }

    @Test func aSpoolThatOutgrowsTheTemporaryFolderStopsTheRunWithWhatItNeeds() throws {
        var run = try LimitedRun()
        defer { run.fixtures.remove() }
        // 60,000 failures of invoice loops: the stale-invoice spool keeps 28 bytes of each
        // in TMPDIR, 1.7 MB in all, beyond a limit of 256 KiB (512 KiB where sh counts KiB).
        let input = try run.fixtures.gzip("loops.json.gz", members: [Array(Self.invoiceLoops(60_000).utf8)])
        try run.run(["analyze", input, "--out", run.out, "--quiet"], blocks: 512)
        #expect(run.status == 4, "\(run.messages)")
        #expect(run.messages.contains("not enough space in \(run.temporary): writing \(run.temporary)/logtriage-"), "\(run.messages)")
        #expect(run.messages.contains("file size limit (ulimit -f"))
        #expect(run.messages.contains("of the input, so it needs about"))
        #expect(run.messages.contains("set TMPDIR to a folder on a larger disk"))
        // The spool needs 1.68 MB: the estimate, from the share of the input read, is near it.
        let needed = try #require(Self.neededMegabytes(run.messages), "\(run.messages)")
        #expect(needed > 1.0 && needed < 4.0, "\(run.messages)")
        try run.expectNothingLeft()
    }

    /// `count` failures of invoice loops, a JSON line each, starting at `first`.
    static func invoiceLoops(_ count: Int, first: Int = 0) -> String {
        var lines = ""
        lines.reserveCapacity(count * 200)
        for index in first..<(first + count) {
            lines += "{\"timestamp\":\(1_794_182_400_000 + index * 1000),\"service.name\":\"pump\",\"level\":\"ERROR\","
                + "\"message\":\"invoice \(index) not found\",\"accountId\":\"a\(index % 5000)\","
                + "\"invoiceDate\":\"2026-10-\(10 + index % 18)\",\"outcome\":\"failure\",\"billerId\":\"B\(index % 7)\"}\n"
        }
        return lines
    }

    /// Several files at four jobs are read in four parts side by side, each spooling into its
    /// own folder under TMPDIR: the part whose spool outgrows the limit stops the others, and
    /// the run ends as one pipeline's would, with the shortage, and leaves nothing behind.
    @Test func aPartThatRunsOutOfSpaceStopsTheOthers() throws {
        var run = try LimitedRun()
        defer { run.fixtures.remove() }
        var inputs: [String] = []
        for part in 0..<4 {
            let lines = Self.invoiceLoops(30_000, first: part * 30_000)
            inputs.append(try run.fixtures.gzip("loops-\(part).json.gz", members: [Array(lines.utf8)]))
        }
        try run.run(["analyze"] + inputs + ["--out", run.out, "--quiet", "--jobs", "4"], blocks: 512)
        #expect(run.status == 4, "\(run.messages)")
        #expect(run.messages.contains("not enough space in \(run.temporary): writing \(run.temporary)/logtriage-"), "\(run.messages)")
        #expect(run.messages.contains("set TMPDIR to a folder on a larger disk"), "\(run.messages)")
        // One error, the run's: the parts stopped by it say nothing of their own.
        #expect(run.messages.components(separatedBy: "not enough space").count == 2, "\(run.messages)")
        try run.expectNothingLeft()
    }

    @Test func aReportThatOutgrowsItsFolderKeepsThePreviousOne() throws {
        var run = try LimitedRun()
        defer { run.fixtures.remove() }
        // Small spools, but a report.md larger than 4 KiB.
        var lines = ""
        for index in 0..<400 {
            lines += "{\"timestamp\":\(1_794_182_400_000 + index * 60_000),\"service.name\":\"svc-\(index % 40)\","
                + "\"level\":\"ERROR\",\"message\":\"call \(index) failed with status 503\",\"http.statusCode\":503}\n"
        }
        let input = try run.fixtures.gzip("week.json.gz", members: [Array(lines.utf8)])
        try run.run(["analyze", input, "--out", run.out, "--quiet"], blocks: 8)
        #expect(run.status == 4, "\(run.messages)")
        #expect(run.messages.contains("not enough space in \(run.out): writing \(run.out)/."), "\(run.messages)")
        #expect(run.messages.contains("needs at least"))
        #expect(run.messages.contains("the previous report is left as it was"))
        try run.expectNothingLeft()
    }
}
