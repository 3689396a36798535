/// The `retries:` section: how dead-letter and retry evidence is recognised in messages, when
/// a dead letter counts as a retry-policy mismatch, and when a service counts as one that
/// rarely sends `sourceId`. Values come from `Resources/defaults.yml`, then `triage.yml`.
public struct RetryPolicy: Sendable, Equatable {
    /// Phrases marking a message as dead-lettered (``EvidencePattern``: case-insensitive, `{n}`
    /// reads a retry count).
    public var deadLetterPatterns: [String]
    /// Phrases marking a retry or requeue; a `{n}` in them reads the retry count.
    public var retryPatterns: [String]
    /// A dead letter after a retryable error with at most this many retries is a mismatch: the
    /// message was given up on although retrying would likely have delivered it.
    public var maxRetriesForMismatch: Int
    /// A service whose share of records without `sourceId` is at least this (0–1) is listed as
    /// one that never or rarely sends it.
    public var rareSourceIdRatio: Double

    public init(deadLetterPatterns: [String] = [], retryPatterns: [String] = [], maxRetriesForMismatch: Int = 1,
                rareSourceIdRatio: Double = 0.9) {
        self.deadLetterPatterns = deadLetterPatterns
        self.retryPatterns = retryPatterns
        self.maxRetriesForMismatch = maxRetriesForMismatch
        self.rareSourceIdRatio = rareSourceIdRatio
    }

    /// The file form of the section; every key optional, lists replace the defaults whole.
    struct Section: Codable {
        var deadLetter: [String]?
        var retry: [String]?
        var maxRetriesForMismatch: Int?
        var rareSourceIdRatio: Double?

        static let knownKeys = ["deadLetter", "retry", "maxRetriesForMismatch", "rareSourceIdRatio"]
    }

    /// Applies a decoded section, checking each value; errors name the key under `retries`.
    mutating func apply(_ section: Section, path: String) throws(ConfigurationError) {
        if let patterns = section.deadLetter {
            try Self.check(patterns, key: "retries.deadLetter", path: path)
            deadLetterPatterns = patterns
        }
        if let patterns = section.retry {
            try Self.check(patterns, key: "retries.retry", path: path)
            retryPatterns = patterns
        }
        if let count = section.maxRetriesForMismatch {
            guard count >= 0 else {
                throw .invalidValue(path: path, key: "retries.maxRetriesForMismatch", reason: "must be 0 or more, not \(count)")
            }
            maxRetriesForMismatch = count
        }
        if let ratio = section.rareSourceIdRatio {
            guard ratio >= 0, ratio <= 1 else {
                throw .invalidValue(path: path, key: "retries.rareSourceIdRatio", reason: "must be between 0 and 1, not \(ratio)")
            }
            rareSourceIdRatio = ratio
        }
    }

    private static func check(_ patterns: [String], key: String, path: String) throws(ConfigurationError) {
        for (index, pattern) in patterns.enumerated() where EvidencePattern(pattern) == nil {
            throw .invalidValue(path: path, key: "\(key)[\(index)]",
                                reason: "'\(pattern)' has no text to search for")
        }
    }
}
