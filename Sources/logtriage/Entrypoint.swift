import ArgumentParser
import LogTriage
import LogTriageBasics

@main
struct LogTriageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logtriage",
        abstract: "Triage a week of New Relic log exports: what failed, who owns it, which alerts are noise.",
        discussion: """
            Start with `logtriage analyze EXPORT_DIR --out REPORT_DIR`. Inputs may be gzip or plain \
            JSON lines, JSON arrays, Log API payloads or historical-export files, in any mix; the \
            format is detected from the content.
            """,
        version: LogTriageVersion.description,
        subcommands: [AnalyzeCommand.self, MergeCommand.self, PatternsCommand.self, SampleCommand.self, DefaultsCommand.self, RulesCommand.self],
        defaultSubcommand: nil
    )
}
