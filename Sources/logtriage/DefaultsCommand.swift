import ArgumentParser
import LogTriage
import LogTriageAnalysis

/// Prints the built-in defaults, the starting point for a `triage.yml`.
struct DefaultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "defaults",
        abstract: "Print the built-in configuration (field aliases, limits) as YAML.",
        discussion: "Copy the parts you want to change into a triage.yml and pass it with --config."
    )

    func run() throws {
        print(try TriageConfiguration.defaultsText(), terminator: "")
    }
}
