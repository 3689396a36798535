import ArgumentParser
import Logging
import LogTriage
import LogTriageAnalysis
import LogTriageHistory
import LogTriageIngest
import LogTriageReports

/// The options that place a report among its weeks (last week, the run history) and say
/// whether damaged input fails the run: the same for `analyze` and `merge`, which both write
/// a week's report.
struct WeekOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Last week to compare with: its export, or the report folder an earlier run wrote (summary.json, categories.csv).",
        valueName: "path"))
    var baseline: String?

    @Option(name: .long, help: ArgumentHelp(
        "A SQLite run history: the report compares with the previous week stored there and shows a four-week trend; this run is then added to it.",
        valueName: "file.sqlite"))
    var history: String?

    @Flag(name: .long, help: "Exit with status 2 when any input was damaged (after writing the report).")
    var strict = false

    /// Last week's counts, read before the run: the alert review needs its chronic failures.
    func previousWeek(configuration: TriageConfiguration, chronic: Bool) throws -> (counts: BaselineCounts, path: String)? {
        try baseline.map { (try WeekOverWeek.baseline(path: $0, configuration: configuration, chronic: chronic), $0) }
    }

    /// Opens the history and compares the run with last week; logs the error and ends the
    /// command with status 1 when either cannot be read.
    func context(for result: AnalysisResult, previousWeek: (counts: BaselineCounts, path: String)?, logger: Logger) throws
        -> (history: RunHistory?, comparison: (WeekComparison, source: String)?, trend: [HistoryRun]) {
        do {
            let runHistory = try history.map { try RunHistory(path: $0) }
            let context = try WeekOverWeek.context(for: result, baseline: previousWeek, history: runHistory)
            return (runHistory, context.comparison, context.trend)
        } catch {
            logger.error("\(error)")
            throw ExitStatus.failure
        }
    }

    /// Adds the run to the history, once its report is written.
    func record(_ result: AnalysisResult, in history: RunHistory?, logger: Logger) throws {
        guard let history else { return }
        do {
            try history.append(WeekOverWeek.historyRun(of: result))
        } catch {
            logger.error("the report is written, but the run could not be added to the history: \(error)")
            throw ExitStatus.failure
        }
    }

    /// Ends the command with status 2 when `--strict` is set and any input was damaged.
    func checkDamage(_ ingest: IngestSummary, logger: Logger) throws {
        guard strict && ingest.hasDamage else { return }
        logger.error("input was damaged and --strict is set")
        throw ExitStatus.damagedInput
    }
}
