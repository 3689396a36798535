import ArgumentParser
import Foundation
import Logging
import LogTriage

/// `logtriage patterns`: New Relic-style log patterns over every message.
struct PatternsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patterns",
        abstract: "Group every log message into patterns (templates with <*> for variables).",
        discussion: """
            Writes into --out: patterns.csv (pattern,template,count,levels,services,example), \
            summary.json and ingest.csv. The miner is the one analyze uses for error clusters.
            \(ExitStatus.help)
            """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: ArgumentHelp(
        "Also write one row per record (file,line,cluster,category,stale; cluster = pattern id) to this .csv or .csv.gz file.",
        valueName: "file"))
    var assignments: String?

    @Option(name: .long, help: ArgumentHelp(
        "Threads to mine with (default: every core): the reading thread copies each message for miners behind it (at least two, which take its batches in turn), whose templates are merged in read order; several files are read in parts side by side, one for every two jobs and at least two, each with its own reading thread and miners. With 1, the run keeps to one thread: the input is inflated on it too. The patterns are the same for any number. With --assignments, which places every record in read order, or from standard input, one miner works behind one read.",
        valueName: "n"))
    var jobs: Int?

    func validate() throws {
        try input.validate()
        if let jobs, jobs <= 0 { throw ValidationError("--jobs must be positive") }
        if input.out == nil { throw ValidationError("give --out DIR, the folder to write the report into") }
    }

    func run() throws {
        TerminalLogHandler.bootstrap(verbose: false)
        InterruptionHandler.install()
        let logger = Logger(label: "logtriage")
        let configuration = try input.loadConfiguration(logger: logger)
        let out = input.out ?? "."
        let analysis = PatternAnalysis(configuration: configuration)
        let spool = try InputOptions.assignmentSpool(for: assignments, logger: logger)
        let (result, elapsed, damaged) = try input.read(logger: logger) { plan, progress, damage in
            try analysis.run(plan, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, progress: progress,
                             assignments: spool, damage: damage)
        }
        try input.requireRecords(result.ingest, logger: logger)
        try input.writeReports(logger: logger) {
            try analysis.writeReports(ingest: result.ingest, patterns: result.patterns, to: out,
                                      assignments: spool.map { ($0, assignments!) })
        }
        if analysis.readAgainWithOneMiner {
            logger.warning("the template cap was reached and the miners of several jobs could not be merged exactly: the input was read a second time with one miner")
        }
        input.reportDamageOverflow(damaged, logger: logger)
        logger.info("\(RunSummary.ingestLine(result.ingest, elapsed: elapsed, out: out))")
        logger.info("\(ProgressDisplay.grouped(result.patterns.patterns.count)) patterns")
        if result.patterns.overflowRecords > 0 {
            logger.warning("\(result.patterns.overflowRecords) records went to the 'other templates' pattern: the template cap was reached")
        }
    }
}
