/// Folds the many spellings of a log level into one upper-case name.
///
/// Agents and loggers write `warning`, `Warn`, `WARN`, syslog-style `err`, or pino/bunyan
/// numbers (`50`); alert conditions and error detection compare against one spelling.
public enum LevelNormalizer {
    private static let synonyms: [String: String] = [
        "WARNING": "WARN", "W": "WARN",
        "ERR": "ERROR", "E": "ERROR",
        "INFORMATION": "INFO", "INFORMATIONAL": "INFO", "I": "INFO", "NOTICE": "INFO",
        "DBG": "DEBUG", "D": "DEBUG", "FINE": "DEBUG", "FINER": "TRACE", "FINEST": "TRACE",
        "TRC": "TRACE", "T": "TRACE",
        "CRIT": "CRITICAL", "F": "FATAL", "EMERG": "FATAL", "EMERGENCY": "FATAL", "PANIC": "FATAL",
        "10": "TRACE", "20": "DEBUG", "30": "INFO", "40": "WARN", "50": "ERROR", "60": "FATAL",
    ]

    /// The normalised level of raw level bytes. Levels are short, so the upper-cased copy is
    /// built in place as a small string (no heap allocation on the per-record path).
    public static func normalize(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let upper = String(unsafeUninitializedCapacity: bytes.count) { buffer in
            var count = 0
            for byte in bytes where byte != 0x20 {
                buffer[count] = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
                count += 1
            }
            return count
        }
        switch upper {
        // The names levels are normalised to, as most records spell them: no lookup needed.
        case "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "FATAL", "CRITICAL": return upper
        default: return synonyms[upper] ?? upper
        }
    }

    /// The normalised level of a string.
    public static func normalize(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { normalize($0) }
    }
}
