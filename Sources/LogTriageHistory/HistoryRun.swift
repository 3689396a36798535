import LogTriageBasics

/// The figures of one weekly `analyze` run, as kept in the run history so the next week's
/// report can compare with it without a baseline flag.
///
/// Only counts are kept, never records or messages: the history stays small and holds
/// nothing a report does not already show.
public struct HistoryRun: Sendable, Equatable {
    /// Same time range and same input give the same id, so re-running a week replaces its
    /// earlier figures instead of counting the week twice. See ``makeID(rangeStart:rangeEnd:input:)``.
    public var runID: String
    /// Start of the analysed data, milliseconds since 1970-01-01 UTC.
    public var rangeStart: Int64
    /// End of the analysed data, milliseconds since 1970-01-01 UTC.
    public var rangeEnd: Int64
    public var records: Int
    public var errorRecords: Int
    /// One entry per cluster id; ``RunHistory`` returns them sorted by id.
    public var clusters: [HistoryClusterCount]
    /// Records per category name.
    public var categories: [String: Int]
    /// One entry per condition and kind; ``RunHistory`` returns them sorted by condition,
    /// then kind. Empty for runs written before the history kept conditions.
    public var conditions: [HistoryConditionFigures]

    public init(runID: String, rangeStart: Int64, rangeEnd: Int64, records: Int, errorRecords: Int,
                clusters: [HistoryClusterCount] = [], categories: [String: Int] = [:],
                conditions: [HistoryConditionFigures] = []) {
        self.runID = runID
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
        self.records = records
        self.errorRecords = errorRecords
        self.clusters = clusters
        self.categories = categories
        self.conditions = conditions
    }

    /// The run id of the data from `rangeStart` to `rangeEnd` read from `input`.
    ///
    /// `input` is whatever identifies the input to the caller (for example the sorted file
    /// names joined by newlines); it must not depend on the order files were read in, or a
    /// re-run of the same week would get a new id and be kept twice.
    public static func makeID(rangeStart: Int64, rangeEnd: Int64, input: String) -> String {
        StableID.make("R", "\(rangeStart)\u{1F}\(rangeEnd)\u{1F}\(input)")
    }
}
