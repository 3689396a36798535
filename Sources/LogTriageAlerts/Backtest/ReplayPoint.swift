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

    public init(start: Int64, value: Double, firstRecord: Int64, lastRecord: Int64) {
        self.start = start
        self.value = value
        self.firstRecord = firstRecord
        self.lastRecord = lastRecord
    }
}
