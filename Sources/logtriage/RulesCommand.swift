import ArgumentParser
import LogTriage
import LogTriageAnalysis

/// Prints the built-in classification rules, so a user can see why a cluster got its category
/// and copy a rule into `triage.yml` to change it.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Print the built-in error classification rules and category policies as YAML.",
        discussion: """
            Rules in a triage.yml `rules:` list are tried before these (first match wins); a rule \
            with the same name replaces the built-in one. `teams:` maps services to owning teams and \
            `categories:` overrides a category's team, tier, retryable, runbook or actionable flag.
            """
    )

    func run() throws {
        print(try TriageConfiguration.rulesText(), terminator: "")
    }
}
