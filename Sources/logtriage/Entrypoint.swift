import ArgumentParser
import LogTriage

@main
struct LogTriageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logtriage",
        version: LogTriageVersion.current
    )
}
