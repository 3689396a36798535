/// An incident the condition would have opened on the analysed data.
public struct BacktestIncident: Sendable, Hashable {
    /// When it opens (epoch ms): when New Relic evaluates the window that completes the
    /// breach (its end, plus the delay or timer of the aggregation method).
    public var opened: Int64
    /// When it closes (epoch ms): when the window that closes it is evaluated, the loss of
    /// signal or time limit that closes it, or the end of the analysed range when ``openAtEnd``.
    public var closed: Int64
    /// Start (epoch s) of the window at whose end the incident opened; the records of this
    /// window are the ones the noise judgement reads.
    public var openWindow: Int64
    /// The breaching value farthest from the threshold: the maximum for `above`, the minimum for
    /// `below`.
    public var peak: Double
    /// Breaching windows that belong to the incident: for `all` the run that opened it plus
    /// those while open; for `at_least_once` those while open, the opening one included.
    public var windows: Int
    /// Still open when the data ends; its length is a lower bound, so it never counts as flapping.
    public var openAtEnd: Bool
    /// A loss-of-signal incident (`open_violation_on_expiration`), not a threshold breach.
    public var lossOfSignal: Bool

    public init(opened: Int64, closed: Int64, openWindow: Int64, peak: Double, windows: Int, openAtEnd: Bool,
                lossOfSignal: Bool = false) {
        self.lossOfSignal = lossOfSignal
        self.opened = opened
        self.closed = closed
        self.openWindow = openWindow
        self.peak = peak
        self.windows = windows
        self.openAtEnd = openAtEnd
    }

    /// How long it was open, in minutes.
    public var minutes: Double { Double(closed - opened) / 60_000 }
}
