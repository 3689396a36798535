import ArgumentParser

/// `logtriage sample`: writes a realistic, deterministic export to try the tool on.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write a realistic, deterministic New Relic export (a week, gzip JSON lines)."
    )
    @Option(name: .long, help: ArgumentHelp("Folder to write the export into.", valueName: "dir"))
    var out: String

    func run() throws { throw ValidationError("the sample generator is not wired yet") }
}
