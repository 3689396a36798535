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
        FileHandle.standardError.write(Data((prefix + Self.visible("\(event.message)") + "\n").utf8))
    }

    /// `text` with control characters other than line feed and tab written as `\u{1B}`:
    /// messages quote service names, condition names and file names, and an escape sequence
    /// or a carriage return among them must not drive the terminal.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\n" && scalar != "\t" && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value))
    }

    static func bootstrap(verbose: Bool) {
        LoggingSystem.bootstrap { _ in
            var handler = TerminalLogHandler()
            handler.logLevel = verbose ? .debug : .info
            return handler
        }
    }
}
