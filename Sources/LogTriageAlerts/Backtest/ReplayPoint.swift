/// One data point of a condition's signal: the value of one aggregation window that held
/// records, with when its first and last record arrived (which the aggregation methods
/// read to know when New Relic evaluates the window).
public struct ReplayPoint: Sendable, Hashable {
    /// Window start, epoch seconds.
    public var start: Int64
    public var value: Double
    /// Earliest and latest record time in the window, epoch ms.
    public var firstRecord: Int64
    public var lastRecord: Int64
    /// The first record at or after the window's start plus the condition's delay reduced to
    /// the step (``ConditionWindow/firstFlowRecord``), epoch ms; nil when not kept. With it,
    /// event flow's evaluation times are exact, else taken at the later of the due time and
    /// the window's first record.
    public var firstFlowRecord: Int64?

    public init(start: Int64, value: Double, firstRecord: Int64, lastRecord: Int64, firstFlowRecord: Int64? = nil) {
        self.start = start
        self.value = value
        self.firstRecord = firstRecord
        self.lastRecord = lastRecord
        self.firstFlowRecord = firstFlowRecord
    }
}
