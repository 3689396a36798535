import LogTriageBasics
import LogTriageModel

/// One actionable group of error (or warning, or slow) records: one service, one kind of
/// failure, one category.
public struct ErrorCluster: Sendable, Equatable {
    /// Stable across runs and releases: a hash of service, template and (for generic
    /// messages) root cause and frames, never of positions or counts.
    public let id: String
    public let service: String
    /// The message template, `<*>` for variables.
    public let template: String
    public let classification: Classification
    /// Root-cause exception classes, most frequent first.
    public let exceptionClasses: [String]
    public let count: Int
    public let errorCount: Int
    public let warningCount: Int
    /// Error records judged stale-invoice noise; the rest of `errorCount` are recent failures.
    public let staleCount: Int
    public let firstSeen: Int64?
    public let lastSeen: Int64?
    /// The earliest record's message (ties: the smallest text), so the example does not
    /// depend on the order files were read in.
    public let exampleMessage: String
    /// The top in-app stack frame (`Class.method`) of the example's evidence.
    public let exampleFrame: String?
    /// Records per UTC day, keyed by days since 1970-01-01.
    public let dailyCounts: [Int: Int]

    /// Stable id of a cluster key.
    static func stableID(service: String, template: String, refinement: String) -> String {
        StableID.make("C", "\(service)\u{1F}\(template)\u{1F}\(refinement)")
    }
}
