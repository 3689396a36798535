/// Replays one term of a condition on one signal (one facet value) the way New Relic's
/// streaming alerts evaluate it, with every setting of the condition. The rules, and the
/// documentation each follows, are listed in the README ("How the replay evaluates a
/// condition"):
///
/// - Data points: a window in which no record matched has no data point (never 0).
/// - Windows: tumbling (`aggregation_window`), or sliding every `slide_by`; a window's data
///   point exists when any record of its span matched.
/// - Gaps: `fill_option` none leaves them empty (an empty window resets the duration
///   count); `static` evaluates the fill value; `last_value` the last data point's value.
///   Gaps are filled only while the signal is active: its history is dropped two hours
///   after its last data point.
/// - When a window is evaluated: `cadence` at its end plus the delay; `event_timer` the
///   timer after its last record; `event_flow` when a record later than its end plus the
///   delay arrives (so the last windows of a quiet signal wait).
/// - Opening: `all` after `duration / step` consecutive breaching evaluations;
///   `at_least_once` at the first breaching one.
/// - Closing: after `duration / step` consecutive evaluated windows that do not breach (a
///   gap without fill breaks the count); or on loss of signal with
///   `close_violations_on_expiration`; or force-closed at `violation_time_limit_seconds`.
/// - Loss of signal: no data point for `expiration_duration` after the last one; with
///   `open_violation_on_expiration` it opens a loss-of-signal incident, which closes when
///   data returns.
public struct ConditionReplay {
    /// How long New Relic keeps a signal's history for gap filling after its last data point.
    public static let signalHistorySeconds: Int64 = 7_200

    public let condition: AlertCondition
    public let term: AlertThreshold

    public init(condition: AlertCondition, term: AlertThreshold) {
        self.condition = condition
        self.term = term
    }

    /// The seconds between two evaluated windows.
    public var stepSeconds: Int { condition.slideBySeconds ?? condition.windowSeconds }

    /// The incidents on the signal whose data points are `points` (by window start, only
    /// windows that held records), over the windows of `range` (epoch seconds), in time order.
    /// Loss-of-signal incidents are included when `lossOfSignal` is true (once per condition:
    /// the caller asks the first term only).
    public func incidents(_ points: [Int64: ReplayPoint], range: ClosedRange<Int64>,
                          lossOfSignal: Bool = true) -> [BacktestIncident] {
        let step = Int64(max(1, stepSeconds))
        let window = Int64(max(1, condition.windowSeconds))
        let needed = max(1, term.durationSeconds / Int(step))
        let delay = Int64(condition.effectiveDelaySeconds) * 1000
        let first = WindowSeries.windowStart(ofSecond: range.lowerBound, windowSeconds: Int(step))
        let lastStart = WindowSeries.windowStart(ofSecond: range.upperBound, windowSeconds: Int(step))
        let rangeEnd = (lastStart + step) * 1000
        let ordered = points.values.sorted { $0.start < $1.start }

        var state = State(term: term, needed: needed)
        var clock: Int64 = .min
        var lastPoint: ReplayPoint?
        var lastValue: Double?
        var nextPoint = 0
        var flowIndex = 0
        var start = first
        while start <= lastStart {
            let end = (start + window) * 1000
            while nextPoint < ordered.count, ordered[nextPoint].start < start { nextPoint += 1 }
            let point = nextPoint < ordered.count && ordered[nextPoint].start == start ? ordered[nextPoint] : nil
            // When New Relic evaluates this window.
            var evaluation: Int64?
            switch condition.aggregationMethod {
            case .cadence:
                evaluation = end + delay
            case .eventTimer:
                evaluation = point.map { $0.lastRecord + delay } ?? end + delay
            case .eventFlow:
                // The first record later than the window's end plus the delay (windows hold
                // disjoint spans, so the search only moves forward).
                let due = end + delay
                flowIndex = Swift.max(flowIndex, nextPoint)
                while flowIndex < ordered.count, ordered[flowIndex].lastRecord < due || ordered[flowIndex].start <= start {
                    flowIndex += 1
                }
                evaluation = flowIndex < ordered.count ? Swift.max(ordered[flowIndex].firstRecord, due) : nil
            }
            guard let at = evaluation.map({ Swift.max($0, clock) }) else { break }
            // Signal events due before this evaluation: loss of signal, time limit.
            if let lastPoint {
                state.expire(after: lastPoint, before: at, condition: condition, lossOfSignal: lossOfSignal)
            }
            state.forceClose(before: at, limitSeconds: condition.violationTimeLimitSeconds)
            clock = at
            let value: Double?
            if let point {
                state.signalReturned(at: point.firstRecord)
                value = point.value
                lastPoint = point
                lastValue = point.value
            } else if let lastPoint, (start + window) - (lastPoint.start + window) <= Self.signalHistorySeconds {
                switch condition.fill {
                case .none: value = nil
                case let .static(fill): value = fill
                case .lastValue: value = lastValue
                }
            } else {
                value = nil
            }
            state.evaluate(value, windowStart: start, at: at)
            start += step
        }
        if let lastPoint { state.expire(after: lastPoint, before: rangeEnd, condition: condition, lossOfSignal: lossOfSignal) }
        state.forceClose(before: rangeEnd, limitSeconds: condition.violationTimeLimitSeconds)
        state.finish(rangeEnd: rangeEnd)
        return state.incidents
    }

    /// The state machine of one term on one signal.
    private struct State {
        let term: AlertThreshold
        let needed: Int
        var incidents: [BacktestIncident] = []
        var open: BacktestIncident?
        var lost: BacktestIncident?
        var expired = false
        var run = 0
        var runPeak = 0.0
        var runStart: Int64 = 0
        var quiet = 0

        init(term: AlertThreshold, needed: Int) {
            self.term = term
            self.needed = needed
        }

        func farther(_ current: Double, _ value: Double) -> Double {
            abs(value - term.value) > abs(current - term.value) ? value : current
        }

        mutating func evaluate(_ value: Double?, windowStart: Int64, at: Int64) {
            guard let value else {
                // An empty window resets the duration count, both ways.
                run = 0
                quiet = 0
                return
            }
            if term.breaches(value) {
                quiet = 0
                if var incident = open {
                    incident.windows += 1
                    incident.peak = farther(incident.peak, value)
                    open = incident
                    return
                }
                if run == 0 { runPeak = value; runStart = windowStart } else { runPeak = farther(runPeak, value) }
                run += 1
                if term.occurrences == .atLeastOnce || run >= needed {
                    open = BacktestIncident(opened: at, closed: at, openWindow: windowStart, peak: runPeak,
                                            windows: run, openAtEnd: false)
                    run = 0
                }
            } else {
                run = 0
                guard open != nil else { return }
                quiet += 1
                if quiet >= needed { close(at: at) }
            }
        }

        mutating func close(at time: Int64) {
            guard var incident = open else { return }
            incident.closed = Swift.max(time, incident.opened)
            incidents.append(incident)
            open = nil
            quiet = 0
        }

        /// Force-closes an incident open for the time limit before `time`.
        mutating func forceClose(before time: Int64, limitSeconds: Int) {
            guard let incident = open, limitSeconds > 0 else { return }
            let limit = incident.opened + Int64(limitSeconds) * 1000
            if limit <= time {
                close(at: limit)
                run = 0
            }
        }

        /// Loss of signal: no data point for the expiration duration after `last`.
        mutating func expire(after last: ReplayPoint, before time: Int64, condition: AlertCondition,
                             lossOfSignal: Bool) {
            guard let seconds = condition.expirationSeconds, !expired else { return }
            let at = last.lastRecord + Int64(seconds) * 1000
            guard at <= time else { return }
            expired = true
            if condition.closeOnExpiration { close(at: at) }
            run = 0
            if condition.openOnExpiration, lossOfSignal {
                lost = BacktestIncident(opened: at, closed: at, openWindow: last.start, peak: 0, windows: 0,
                                        openAtEnd: false, lossOfSignal: true)
            }
        }

        mutating func signalReturned(at time: Int64) {
            expired = false
            guard var incident = lost else { return }
            incident.closed = Swift.max(time, incident.opened)
            incidents.append(incident)
            lost = nil
        }

        mutating func finish(rangeEnd: Int64) {
            for var incident in [open, lost].compactMap({ $0 }) {
                incident.closed = Swift.max(rangeEnd, incident.opened)
                incident.openAtEnd = true
                incidents.append(incident)
            }
            open = nil
            lost = nil
            incidents.sort { ($0.opened, $0.lossOfSignal ? 1 : 0) < ($1.opened, $1.lossOfSignal ? 1 : 0) }
        }
    }
}
