import ArgumentParser
import Foundation
import LogTriage
import Logging

/// `logtriage analyze`: the weekly batch job.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Read New Relic log exports and write the triage report folder.",
        discussion: """
            INPUT may be files, directories (read recursively, files in path order) or - for \
            standard input. gzip (also several members back to back) and plain files are both \
            read; the compression is detected from the bytes, not the name. Damaged lines are \
            skipped and counted, never fatal.

            Writes into --out: summary.json (totals) and ingest.csv (one row per file).
            Exit status: 0 success; 1 error (bad configuration, unwritable output); \
            2 with --strict when any input was damaged (the report is written first).
            """
    )

    @Argument(help: "Export files or directories to read, or - for standard input.")
    var inputs: [String]

    @Option(name: .long, help: ArgumentHelp("Folder to write the report into (created if needed).", valueName: "dir"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("A triage.yml that overrides the built-in defaults (see `logtriage defaults`).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Skip lines longer than this many bytes (default 64 MiB).", valueName: "bytes"))
    var maxLineBytes: Int?

    @Flag(name: .long, help: "Exit with status 2 when any input was damaged (after writing the report).")
    var strict = false

    @Flag(name: .long, help: "No progress line and no damage warnings on stderr.")
    var quiet = false

    static let damageLinesShown = 10

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one INPUT (a file, a directory or -)") }
        if let maxLineBytes, maxLineBytes <= 0 { throw ValidationError("--max-line-bytes must be positive") }
    }

    func run() throws {
        TerminalLogHandler.bootstrap(verbose: false)
        let logger = Logger(label: "logtriage")
        var configuration: TriageConfiguration
        do {
            configuration = try TriageConfiguration.load(path: config)
        } catch {
            logger.error("\(error)")
            throw ExitCode.failure
        }
        if let maxLineBytes { configuration.maxLineBytes = maxLineBytes }

        let plan = InputPlan(arguments: inputs)
        let progress = IngestProgress(totalInputBytes: plan.totalBytes)
        let display = ProgressDisplay.isWanted(quiet: quiet) ? ProgressDisplay(progress: progress) : nil
        display?.start()
        let started = Date()
        var damageCount = 0
        let analysis = Analysis(configuration: configuration)
        let summary = analysis.run(plan, progress: progress) { place in
            damageCount += 1
            guard !quiet, damageCount <= Self.damageLinesShown else { return }
            display.map { _ in FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            logger.warning("\(place)")
        }
        display?.stop()
        let elapsed = Date().timeIntervalSince(started)

        do {
            try analysis.writeReports(summary, to: out)
        } catch {
            logger.error("\(error)")
            throw ExitCode.failure
        }
        if !quiet && damageCount > Self.damageLinesShown {
            logger.warning("… and \(damageCount - Self.damageLinesShown) more damaged places (counted in \(out)/summary.json)")
        }
        logger.info("\(Self.closingLine(summary, elapsed: elapsed, out: out))")
        if strict && summary.hasDamage {
            logger.error("input was damaged and --strict is set")
            throw ExitCode(2)
        }
    }

    static func closingLine(_ summary: IngestSummary, elapsed: TimeInterval, out: String) -> String {
        let bytes = summary.files.reduce(0) { $0 + $1.decompressedBytes }
        var line = "read \(ProgressDisplay.grouped(summary.records)) records from \(summary.files.count) file(s), "
            + "\(ProgressDisplay.megabytes(bytes)) in \(String(format: "%.1f", elapsed)) s"
            + " (\(String(format: "%.0f", Double(bytes) / max(elapsed, 0.001) / 1e6)) MB/s)"
        let skipped = summary.skipped.total
        if skipped > 0 { line += "; skipped \(ProgressDisplay.grouped(skipped)) line(s)" }
        if summary.repairedRecords > 0 { line += "; repaired \(summary.repairedRecords) record(s)" }
        let troubled = summary.files.filter { $0.truncated || $0.error != nil }.count
        if troubled > 0 { line += "; \(troubled) file(s) truncated or unreadable" }
        return line + "; report in \(out)"
    }
}
