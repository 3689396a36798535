import ArgumentParser
import Logging
import LogTriage
import LogTriageAlerts
import LogTriageSample

/// `logtriage sample`: writes a realistic, deterministic export to try the tool on.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write a realistic, deterministic New Relic export (a week of six services).",
        discussion: """
            The export holds the incidents LogTriage is built for: a biller outage, rotated \
            credentials, a moved endpoint, stale-invoice loop noise from a data pump, a consumer \
            that cannot deserialize messages after a release and dead-letters them, and damaged \
            input (blank, non-JSON, cut and invalid UTF-8 lines, a truncated gzip file). \
            The logs go under DIR/logs (read them with `logtriage analyze DIR/logs`); DIR/manifest.json lists every file and episode with its counts. The same seed and \
            scale always give byte-identical files; --scale 50 gives about 1.7 GB uncompressed.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Folder to write the export into.", valueName: "dir"))
    var out: String

    @Option(name: .long, help: "Seed of the random generator.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Volume multiplier (1 is about 42,000 records, 3 MB of gzip).")
    var scale: Double = 1

    @Flag(name: .long, help: "Leave out the damaged lines and files (for benchmarks).")
    var noDamage = false

    @Option(name: .long, help: ArgumentHelp(
        "Alert conditions (any format --alerts of analyze reads): also write the NrAiIncident events New Relic's streaming alerts open for them on the week, as the team's NRQL export of them (DIR/logs/incidents/).",
        valueName: "file"))
    var alerts: String?

    @Flag(name: .long, help: "Write the week before instead (2026-11-02 to 08): the same services and background failures, none of the sample week's incidents. Its report serves as the sample week's baseline.")
    var previousWeek = false

    @Flag(name: .long, help: "Add eight billers whose endpoints have been broken since before the week before (every call fails, in both weeks): the chronic failures chronic.csv lists.")
    var chronicFailures = false

    func validate() throws {
        guard scale > 0, scale.isFinite else { throw ValidationError("--scale must be a positive number") }
    }

    func run() throws {
        TerminalLogHandler.bootstrap(verbose: false)
        let logger = Logger(label: "logtriage")
        var conditions: [AlertCondition] = []
        if let alerts {
            do {
                conditions = try AlertConditionsFile.load(path: alerts)
            } catch {
                logger.error("\(error)")
                throw ExitStatus.failure
            }
        }
        let manifest = try SampleExportGenerator.write(
            to: out, options: SampleExportOptions(seed: seed, scale: scale, includeDamage: !noDamage,
                                                  previousWeek: previousWeek, alertConditions: conditions,
                                                  chronicFailures: chronicFailures))
        let totals = manifest.totals
        let line = "wrote \(ProgressDisplay.grouped(totals.records)) records in \(totals.files) files "
            + "(\(ProgressDisplay.megabytes(totals.bytes)) on disk, "
            + "\(ProgressDisplay.megabytes(totals.uncompressedBytes)) uncompressed) to \(out)"
            + (totals.incidentEvents.map { ", with \($0) NrAiIncident events" } ?? "")
        logger.info("\(line)")
    }
}
