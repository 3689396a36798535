import ArgumentParser
import Foundation
import Logging
import LogTriage
import LogTriageBasics
import LogTriageIngest
import LogTriageAnalysis
import LogTriageReports

/// The options every reading command shares, and the reading loop with progress and damage
/// warnings on stderr.
struct InputOptions: ParsableArguments {
    @Argument(help: "Export files or directories to read, or - for standard input.")
    var inputs: [String]

    @Option(name: .long, help: ArgumentHelp("Folder to write the report into (created if needed).", valueName: "dir"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("A triage.yml that overrides the built-in defaults (see `logtriage defaults`).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Skip lines longer than this many bytes (default 64 MiB).", valueName: "bytes"))
    var maxLineBytes: Int?

    @Flag(name: .long, help: "No progress line and no damage warnings on stderr.")
    var quiet = false

    @Flag(name: .long, help: "Write a report even when there is no input file or no record (otherwise exit status 3).")
    var allowEmpty = false

    static let damageLinesShown = 10

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one INPUT (a file, a directory or -)") }
        if let maxLineBytes, maxLineBytes <= 0 { throw ValidationError("--max-line-bytes must be positive") }
    }

    func loadConfiguration(logger: Logger) throws -> TriageConfiguration {
        do {
            var configuration = try TriageConfiguration.load(path: config)
            if let maxLineBytes { configuration.maxLineBytes = maxLineBytes }
            return configuration
        } catch {
            logger.error("\(error)")
            throw ExitStatus.failure
        }
    }

    /// Runs `body` over the plan with a progress line (on a terminal) and the first damaged
    /// places as warnings; returns its result, the seconds it took and the damaged places seen.
    func read<Result>(logger: Logger, shard: InputShard? = nil, _ body: (InputPlan, IngestProgress, (DamagedPlace) -> Void) throws -> Result)
        throws -> (result: Result, seconds: Double, damaged: Int) {
        var plan = InputPlan(arguments: inputs)
        if !allowEmpty {
            do {
                try plan.requireInput()
            } catch {
                logger.error("\(error)")
                throw ExitStatus.noInput
            }
        }
        // Checked on all the inputs: a shard may be left with none when there are more
        // shards than files.
        if let shard { plan = plan.shard(shard) }
        let progress = IngestProgress(totalInputBytes: plan.totalBytes)
        DiskUse.shared.follow { (progress.inputBytesRead, progress.totalInputBytes) }
        let display = ProgressDisplay.isWanted(quiet: quiet) ? ProgressDisplay(progress: progress) : nil
        display?.start()
        let started = Date()
        var damaged = 0
        let result: Result
        do {
            result = try body(plan, progress) { place in
                damaged += 1
                guard !quiet, damaged <= Self.damageLinesShown else { return }
                if display != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
                logger.warning("\(place)")
            }
        } catch {
            display?.stop()
            try Self.stopIfShortOfSpace(logger: logger)
            throw error
        }
        display?.stop()
        return (result, Date().timeIntervalSince(started), damaged)
    }

    /// Ends the command with status 3 when nothing was read, before any report is written.
    func requireRecords(_ ingest: IngestSummary, logger: Logger) throws {
        guard !allowEmpty, ingest.records == 0 else { return }
        logger.error("\(EmptyInputError.noRecords(files: ingest.files.count))")
        throw ExitStatus.noInput
    }

    /// The spool for an `--assignments` file, or a clear error when it cannot be written.
    static func assignmentSpool(for path: String?, logger: Logger) throws -> AssignmentSpool? {
        do {
            return try path.map { try AssignmentSpool(nextTo: $0) }
        } catch {
            logger.error("cannot write the assignments file \(path ?? ""): \(error)")
            throw ExitStatus.failure
        }
    }

    /// Runs `write`; an error is logged and ends the command with status 1 (4 when a folder
    /// ran out of space).
    func writeReports(logger: Logger, _ write: () throws -> Void) throws {
        do {
            try write()
        } catch {
            try Self.stopIfShortOfSpace(logger: logger)
            logger.error("\(error)")
            throw ExitStatus.failure
        }
    }

    /// Ends the command with status 4 and what the run needs when a write failed for lack
    /// of space; returns otherwise.
    static func stopIfShortOfSpace(logger: Logger) throws {
        guard let shortage = DiskUse.shared.shortage else { return }
        logger.error("\(shortage)")
        throw ExitStatus.noSpace
    }

    func reportDamageOverflow(_ count: Int, logger: Logger) {
        if !quiet && count > Self.damageLinesShown {
            logger.warning("… and \(count - Self.damageLinesShown) more damaged places (counted in \(out.map { $0 + "/summary.json" } ?? "the partial"))")
        }
    }
}

