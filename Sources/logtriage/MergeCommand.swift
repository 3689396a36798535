import ArgumentParser
import Foundation
import Logging
import LogTriage
import LogTriageAlerts
import LogTriageAnalysis
import LogTriageHistory
import LogTriageIngest
import LogTriageReports

/// `logtriage merge`: the report of several partial runs, as one run over all their files.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Write the report of partials made by analyze --partial, as one analyze over all their files would.",
        discussion: """
            Each PARTIAL is a file `logtriage analyze INPUT... --partial FILE` wrote: a day's \
            export, or one of N shards (--shard I/N) of a week too large for one machine. The \
            report folder is byte-identical to the one a single analyze over all the partials' \
            files writes, for any split and in any order of the partials. The partials must come \
            from the same build and configuration (the configuration is taken from them) and \
            cover each file once; a damaged partial is refused whole.
            \(ExitStatus.help)
            """
    )

    @Argument(help: "Partial files to merge.")
    var partials: [String]

    @Option(name: .long, help: ArgumentHelp("Folder to write the report into (created if needed).", valueName: "dir"))
    var out: String

    @Option(name: .long, help: ArgumentHelp(
        "The alert conditions the partials were made with (analyze --partial --alerts), to check that they are the ones meant; the review uses the conditions the partials hold.",
        valueName: "file"))
    var alerts: String?

    @Option(name: .long, help: ArgumentHelp(
        "New Relic's NrAiIncident events to compare with the replay of the partials' conditions, with those among their inputs; writes incidents-compared.csv.",
        valueName: "file"))
    var incidents: String?

    @Option(name: .long, help: ArgumentHelp(
        "Also write one row per error or warning record (file,line,cluster,category,stale) to this .csv or .csv.gz file, as analyze --assignments would; the partials must be made with --keep-assignments.",
        valueName: "file"))
    var assignments: String?

    @OptionGroup var week: WeekOptions

    @Flag(name: .long, help: "Write a report even when the partials hold no record (otherwise exit status 3).")
    var allowEmpty = false

    func validate() throws {
        if partials.isEmpty { throw ValidationError("give at least one PARTIAL (a file analyze --partial wrote)") }
    }

    func run() throws {
        TerminalLogHandler.bootstrap(verbose: false)
        InterruptionHandler.install()
        let logger = Logger(label: "logtriage")
        let started = Date()
        let result: AnalysisResult
        let analysis: Analysis
        let spool = try InputOptions.assignmentSpool(for: assignments, logger: logger)
        var previousWeek: (counts: BaselineCounts, path: String)?
        do {
            let merge = try PartialMerge(paths: partials)
            if let alerts {
                guard let conditions = merge.conditions else {
                    throw ValidationError("the partials were made without --alerts: make them with analyze --partial --alerts \(alerts)")
                }
                guard try AlertConditionsFile.load(path: alerts) == conditions else {
                    throw ValidationError("the partials were made with other alert conditions than \(alerts)")
                }
            }
            if incidents != nil && merge.conditions == nil {
                throw ValidationError("--incidents compares New Relic's incidents with the replay of the alert conditions: make the partials with --alerts")
            }
            var incidentEvents: NewRelicIncidentEvents?
            if let incidents {
                incidentEvents = NewRelicIncidentEvents()
                try incidentEvents?.add(contentsOf: incidents)
            }
            // Last week is read first: the alert review needs its chronic failures.
            previousWeek = try week.previousWeek(configuration: merge.configuration, chronic: merge.conditions != nil)
            analysis = Analysis(configuration: merge.configuration, alertConditions: merge.conditions,
                                incidentEvents: incidentEvents, previousWeek: previousWeek?.counts,
                                jobs: ProcessInfo.processInfo.activeProcessorCount)
            result = try merge.result(with: analysis, assignments: spool)
        } catch {
            try InputOptions.stopIfShortOfSpace(logger: logger)
            logger.error("\(error)")
            throw ExitStatus.failure
        }
        if !allowEmpty && result.ingest.records == 0 {
            logger.error("\(EmptyInputError.noRecords(files: result.ingest.files.count))")
            throw ExitStatus.noInput
        }
        let context = try week.context(for: result, previousWeek: previousWeek, logger: logger)
        do {
            try analysis.writeReports(result, to: out, assignments: spool.map { ($0, assignments!) },
                                      comparison: context.comparison, trend: context.trend)
        } catch {
            try InputOptions.stopIfShortOfSpace(logger: logger)
            logger.error("\(error)")
            throw ExitStatus.failure
        }
        try week.record(result, in: context.history, logger: logger)
        logger.info("merged \(partials.count) partial(s): \(RunSummary.ingestLine(result.ingest, elapsed: Date().timeIntervalSince(started), out: out))")
        for line in RunSummary.analysisLines(result) { logger.info("\(line)") }
        try week.checkDamage(result.ingest, logger: logger)
    }
}
