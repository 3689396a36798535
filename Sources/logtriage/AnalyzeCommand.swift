import ArgumentParser
import Foundation
import Logging
import LogTriage
import LogTriageAnalysis
import LogTriageIngest
import LogTriageAlerts
import LogTriageHistory

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

            Writes into --out: summary.json (totals), ingest.csv (one row per file), \
            categories.csv (one row per error cluster: category, team, tier, retryable, \
            template, counts, example, runbook, stale and recent failures), billers.csv \
            (success and failure per biller and source, stale-invoice noise apart, latency \
            percentiles) and services.csv (instrumentation gaps, dead letters, retry-policy \
            mismatches).
            Also report.md, the weekly page for a ticket, with SVG charts beside it \
            (errors-by-hour.svg, cluster-sparklines.svg, backtest-*.svg). With --baseline \
            or --history, categories.csv fills baseline_count and change (new, rising, \
            falling, steady, gone) and the report says what changed.
            With --alerts: alerts.csv (each current condition backtested, with the proposed \
            keep/change/split/remove/add and their own backtest), incidents.csv (every \
            incident, judged noise or real), chronic.csv (failures going on all week: tickets, \
            not pages), routing.csv (each team's incidents per tier, now and with the \
            proposals) and alerts.tf (the proposals as Terraform: a policy per team, a workflow \
            per team and tier, destinations as variables). \
            New Relic's NrAiIncident events among the inputs (an NRQL export of FROM \
            NrAiIncident SELECT *) are set aside, not read as log records, and with --alerts \
            compared with the replay in incidents-compared.csv, as --incidents FILE is.
            \(ExitStatus.help)
            """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: ArgumentHelp(
        "Also write one row per error or warning record (file,line,cluster,category,stale) to this .csv or .csv.gz file.",
        valueName: "file"))
    var assignments: String?

    @Option(name: .long, help: ArgumentHelp(
        "The team's alert conditions to backtest on the week: LogTriage YAML, quickstart YAML, NerdGraph JSON (nrqlConditionsSearch), Terraform state JSON (terraform show -json), or a folder of them; writes alerts.csv, incidents.csv, chronic.csv, routing.csv, alerts.tf and alerts-nerdgraph.json.",
        valueName: "file"))
    var alerts: String?

    @Option(name: .long, help: ArgumentHelp(
        "New Relic's NrAiIncident events (JSON lines, a JSON array or a NerdGraph NRQL answer, plain or gzip) to compare with the replay of the --alerts conditions, with those among the inputs; writes incidents-compared.csv.",
        valueName: "file"))
    var incidents: String?

    @OptionGroup var week: WeekOptions

    @Flag(name: .long, help: "Only read and account for the input, without clustering (to measure ingest alone).")
    var ingestOnly = false

    @Option(name: .long, help: ArgumentHelp(
        "Threads to analyse with (default: every core): the stages run behind the read, the alert conditions on copies of the records, and plans are tuned side by side. With 3 or more and several input files, the files are read in parts side by side and merged. With 1, the run keeps to one thread: the input is inflated on it too; with 2 and no --alerts, the input is inflated on the reading thread, beside the one that builds the contexts. The reports are the same for any number.",
        valueName: "n"))
    var jobs: Int?

    @Option(name: .long, help: ArgumentHelp(
        "Write the mergeable state of what was read to this file instead of a report; `logtriage merge` writes the report from one or more partials. With --alerts, the partial holds the conditions' replay too. Not with --out or the report options (--baseline, --history, --incidents, --assignments: give them to merge).",
        valueName: "file"))
    var partial: String?

    @Flag(name: .long, help: "With --partial: keep every error or warning record's row in the partial, so that merge --assignments can write the assignments file.")
    var keepAssignments = false

    @Option(name: .long, help: ArgumentHelp(
        "Read only shard I of N (I from 0): every N-th input file in path order, starting at the I-th, so that N workers given the same inputs split them without a shared list.",
        valueName: "I/N"), transform: { try InputShard(parsing: $0) })
    var shard: InputShard?

    func validate() throws {
        try input.validate()
        if partial != nil {
            if input.out != nil {
                throw ValidationError("--partial writes a partial instead of a report: give --out to `logtriage merge`")
            }
            for (name, value) in [("--incidents", incidents), ("--baseline", week.baseline), ("--history", week.history)]
            where value != nil {
                throw ValidationError("\(name) is a report option: give it to `logtriage merge`, which writes the report")
            }
            if assignments != nil {
                throw ValidationError("--assignments is a report option: clusters are final only at the merge, so give --keep-assignments here and --assignments FILE to `logtriage merge`")
            }
            if ingestOnly { throw ValidationError("--ingest-only writes no partial: give one or the other") }
        } else if input.out == nil {
            throw ValidationError("give --out DIR, the folder to write the report into (or --partial FILE)")
        } else if keepAssignments {
            throw ValidationError("--keep-assignments keeps the rows in a partial: give --partial FILE, or --assignments FILE for this run's own file")
        }
        if let jobs, jobs <= 0 { throw ValidationError("--jobs must be positive") }
        if incidents != nil && alerts == nil {
            throw ValidationError("--incidents compares New Relic's incidents with the replay of the --alerts conditions: give --alerts too")
        }
        if ingestOnly && (week.baseline != nil || week.history != nil || alerts != nil) {
            throw ValidationError("--ingest-only reads the input only: it cannot be combined with --alerts, --baseline or --history")
        }
    }


    func run() throws {
        TerminalLogHandler.bootstrap(verbose: false)
        InterruptionHandler.install()
        let logger = Logger(label: "logtriage")
        let configuration = try input.loadConfiguration(logger: logger)
        var conditions: [AlertCondition]?
        var incidentEvents: NewRelicIncidentEvents?
        do {
            if let alerts { conditions = try AlertConditionsFile.load(path: alerts) }
            if let incidents {
                incidentEvents = NewRelicIncidentEvents()
                try incidentEvents?.add(contentsOf: incidents)
            }
        } catch {
            logger.error("\(error)")
            throw ExitStatus.failure
        }
        // Last week is read first: the alert review needs its chronic failures.
        var previousWeek: (counts: BaselineCounts, path: String)?
        if !ingestOnly {
            do {
                previousWeek = try week.previousWeek(configuration: configuration, chronic: conditions != nil)
            } catch {
                logger.error("\(error)")
                throw ExitStatus.failure
            }
        }
        let analysis = Analysis(configuration: configuration, clusters: !ingestOnly, alertConditions: conditions,
                                incidentEvents: incidentEvents, previousWeek: previousWeek?.counts,
                                jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        if let partial { return try writePartial(partial, analysis: analysis, shard: shard, logger: logger) }
        let out = input.out ?? "."
        let spool = try InputOptions.assignmentSpool(for: assignments, logger: logger)
        let (result, elapsed, damaged) = try input.read(logger: logger, shard: shard) { plan, progress, damage in
            try analysis.run(plan, progress: progress, assignments: spool, damage: damage)
        }
        try input.requireRecords(result.ingest, logger: logger)
        let context: (history: RunHistory?, comparison: (WeekComparison, source: String)?, trend: [HistoryRun]) =
            ingestOnly ? (nil, nil, []) : try week.context(for: result, previousWeek: previousWeek, logger: logger)
        try input.writeReports(logger: logger) {
            try analysis.writeReports(result, to: out, assignments: spool.map { ($0, assignments!) },
                                      comparison: context.comparison, trend: context.trend)
        }
        try week.record(result, in: context.history, logger: logger)
        input.reportDamageOverflow(damaged, logger: logger)
        logger.info("\(RunSummary.ingestLine(result.ingest, elapsed: elapsed, out: out))")
        if !ingestOnly {
            for line in RunSummary.analysisLines(result) { logger.info("\(line)") }
            if result.incidentComparison == nil && result.ingest.incidentEvents > 0 {
                logger.info("\(result.ingest.incidentEvents) NrAiIncident event(s) among the inputs were set aside: give --alerts to compare them with the replay of the conditions")
            }
        }
        if result.clustering.overflowRecords > 0 {
            logger.warning("\(result.clustering.overflowRecords) records went to an 'other templates' cluster: more than \(result.clustering.maxClusters) kinds of failure")
        }
        try week.checkDamage(result.ingest, logger: logger)
    }

    /// `--partial`: reads the inputs (this shard's) and writes their mergeable state.
    private func writePartial(_ path: String, analysis: Analysis, shard: InputShard?, logger: Logger) throws {
        let configurationText: String?
        do {
            configurationText = try input.config.map { try String(contentsOfFile: $0, encoding: .utf8) }
        } catch {
            logger.error("cannot read \(input.config ?? ""): \(error.localizedDescription)")
            throw ExitStatus.failure
        }
        let (summary, elapsed, damaged) = try input.read(logger: logger, shard: shard) { plan, progress, damage in
            try analysis.writePartial(plan, to: path, configurationText: configurationText, keepAssignments: keepAssignments,
                                      progress: progress, damage: damage)
        }
        input.reportDamageOverflow(damaged, logger: logger)
        logger.info("\(RunSummary.ingestLine(summary, elapsed: elapsed, out: path, partial: true))")
        try week.checkDamage(summary, logger: logger)
    }
}
