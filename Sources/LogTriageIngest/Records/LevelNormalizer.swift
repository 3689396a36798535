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
        commonName(bytes) ?? upperCasedName(bytes)
    }

    /// ``normalize(_:)`` through the upper-cased string, for any spelling (the tests' reference
    /// for the names read in place).
    static func upperCasedName(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
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

    /// The name of a level spelled as one of the names levels are normalised to, in any case,
    /// read in place: these are most records' levels, and building the upper-cased string to
    /// compare was most of a normalisation (alert conditions on `level`, `patterns` on every
    /// record). Nil for any other spelling, spaces included, which ``normalize(_:)`` reads whole.
    private static func commonName(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count >= 4 && bytes.count <= 8 else { return nil }
        var packed: UInt64 = 0
        for byte in bytes {
            guard byte > 0x20 && byte < 0x80 else { return nil }
            packed = packed << 8 | UInt64(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)
        }
        for (spelling, name) in commonNames where spelling == packed { return name }
        return nil
    }

    /// The names ``normalize(_:)`` gives, packed as ``commonName(_:)`` packs bytes.
    private static let commonNames: [(UInt64, String)] = ["INFO", "ERROR", "WARN", "DEBUG", "TRACE", "FATAL", "CRITICAL"]
        .map { name in (name.utf8.reduce(0) { $0 << 8 | UInt64($1) }, name) }

    /// The levels triage tells apart, as ``normalize(_:)`` would name them (`SEVERE` is not a
    /// name levels are normalised to, but java.util.logging's error level, kept as it is).
    package enum Known: Sendable, Equatable {
        case error, fatal, critical, severe, warn
    }

    /// The level of raw level bytes when ``normalize(_:)`` would give one of ``Known``'s names;
    /// nil for any other level. Read in place, without building the upper-cased string: every
    /// record's severity is decided by it.
    package static func known(_ bytes: UnsafeBufferPointer<UInt8>) -> Known? {
        // Upper-cased ASCII, spaces dropped, seven bits a byte: the longest spelling (EMERGENCY)
        // takes 63. A zero or non-ASCII byte, or a tenth byte, is no spelling below.
        var packed: UInt64 = 0
        var count = 0
        for byte in bytes where byte != 0x20 {
            guard byte != 0, byte < 0x80, count < 9 else { return nil }
            packed = packed << 7 | UInt64(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)
            count += 1
        }
        // Most records are INFO, DEBUG or TRACE: told apart before the list, which they would
        // walk to its end (a fifth of every record's severity on the contexts' thread).
        if packed == info || packed == debug || packed == trace { return nil }
        for (spelling, level) in knownSpellings where spelling == packed { return level }
        return nil
    }

    /// `INFO`, `DEBUG` and `TRACE` packed as ``known(_:)`` packs bytes, written as literals
    /// (`KnownLevelTests` checks them against the packing).
    static let info: UInt64 = 0x933_A34F, debug: UInt64 = 0x4_48B0_AAC7, trace: UInt64 = 0x5_4A50_61C5

    /// Every spelling ``normalize(_:)`` folds into one of ``Known``'s names, packed as
    /// ``known(_:)`` packs bytes, the most frequent first.
    private static let knownSpellings: [(UInt64, Known)] = {
        let names: [(String, Known)] = [("ERROR", .error), ("WARN", .warn), ("FATAL", .fatal), ("CRITICAL", .critical),
                                        ("SEVERE", .severe)]
        var spellings = names.map { (pack($0.0), $0.1) }
        for (synonym, name) in synonyms.sorted(by: { $0.key < $1.key }) {
            if let level = names.first(where: { $0.0 == name })?.1 { spellings.append((pack(synonym), level)) }
        }
        return spellings
    }()

    private static func pack(_ spelling: String) -> UInt64 {
        spelling.utf8.reduce(0) { $0 << 7 | UInt64($1) }
    }

    /// The normalised level of a string.
    public static func normalize(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { normalize($0) }
    }
}
