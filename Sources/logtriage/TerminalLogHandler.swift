import Foundation
import Logging

/// Writes log messages to stderr as `warning: message`, the way compilers do, so
/// results on stdout stay clean and messages stay short.
struct TerminalLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let prefix: String
        switch event.level {
        case .trace, .debug: prefix = "debug: "
        case .info, .notice: prefix = ""
        case .warning: prefix = "warning: "
        case .error, .critical: prefix = "error: "
        }
        FileHandle.standardError.write(Data((prefix + "\(event.message)\n").utf8))
    }

    static func bootstrap(verbose: Bool) {
        LoggingSystem.bootstrap { _ in
            var handler = TerminalLogHandler()
            handler.logLevel = verbose ? .debug : .info
            return handler
        }
    }
}
