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

    /// The normalised level of raw level bytes.
    public static func normalize(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var upper = [UInt8]()
        upper.reserveCapacity(bytes.count)
        for byte in bytes where byte != 0x20 {
            upper.append(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)
        }
        let text = String(decoding: upper, as: UTF8.self)
        return synonyms[text] ?? text
    }

    /// The normalised level of a string.
    public static func normalize(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { normalize($0) }
    }
}
