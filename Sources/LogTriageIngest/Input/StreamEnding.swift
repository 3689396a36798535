/// How a decoded input stream ended.
public enum StreamEnding: Sendable, Equatable {
    /// Every byte of the input was read and, for gzip, every member's checksum matched.
    case complete
    /// The gzip data ended early or is corrupt; every byte inflated before the cut was delivered.
    case truncated(reason: String)
    /// Reading failed after the input was opened.
    case readError(reason: String)
}
