/// Replays one term of a condition on one signal (one facet value) the way New Relic's
/// streaming alerts evaluate it, with every setting of the condition. The rules, and the
/// documentation each follows, are listed in the README ("How the replay evaluates a
/// condition"):
///
/// - Data points: a window in which no record matched has no data point (never 0).
/// - Windows: tumbling (`aggregation_window`), or sliding every `slide_by`; a window's data
///   point exists when any record of its span matched.
/// - When a window is evaluated: `cadence` at its end plus the delay; `event_timer` the
///   timer after its last record, never before an earlier window; `event_flow` when a record
///   stamped at or after its end plus the delay arrives (so the last windows of a quiet
///   signal wait).
/// - Gaps: New Relic fills the empty windows before a data point only once that data point
///   comes, so they are evaluated with it, just before it: `fill_option` none leaves them
///   empty (an empty window resets the duration count); `static` evaluates the fill value;
///   `last_value` the last data point's value. A gap is not filled when the signal was lost
///   during it (`expiration_duration`) or its history dropped (no record for two hours, or
///   the longest threshold duration if longer).
/// - Opening: `all` after `duration / step` consecutive breaching evaluations;
///   `at_least_once` at the first breaching one.
/// - Closing: after `duration / step` consecutive evaluated windows that do not breach (an
///   empty window left unfilled breaks the count); or on loss of signal with
///   `close_violations_on_expiration`; or force-closed at `violation_time_limit_seconds`.
/// - Loss of signal: no record for `expiration_duration` after the last one; with
///   `open_violation_on_expiration` it opens a loss-of-signal incident, which closes when the
///   first data point after the signal returns is evaluated, or at the time limit.
/// - Nothing is evaluated after the end of the analysed range: the export does not say what
///   came next.
///
/// Each window is known by its first and last record only (memory stays bounded by windows,
/// never records, plus the record that would close an earlier window under event flow), so a
/// pause inside one window is not seen: a loss of signal shorter than a window, or an event
/// timer shorter than the window that runs out inside it, is not replayed as New Relic would.
public struct ConditionReplay {
    /// How long New Relic keeps a signal's history for gap filling after its last record,
    /// at least (the longest threshold duration when that is longer).
    public static let signalHistorySeconds: Int64 = 7_200

    public let condition: AlertCondition
    public let term: AlertThreshold

    public init(condition: AlertCondition, term: AlertThreshold) {
        self.condition = condition
        self.term = term
    }

    /// The seconds between two evaluated windows.
    public var stepSeconds: Int { condition.slideBySeconds ?? condition.windowSeconds }

    /// How long a pause may last before the signal's history is dropped, in ms.
    var historyMilliseconds: Int64 {
        let longest = condition.terms.map { Int64($0.threshold.durationSeconds) }.max() ?? 0
        return max(Self.signalHistorySeconds, longest) * 1000
    }

    /// The incidents on the signal whose data points are `points` (by window start, only
    /// windows that held records), over the windows of `range` (epoch seconds), in time order.
    /// Loss-of-signal incidents are included when `lossOfSignal` is true (once per condition:
    /// the caller asks the first term only).
    public func incidents(_ points: [Int64: ReplayPoint], range: ClosedRange<Int64>,
                          lossOfSignal: Bool = true) -> [BacktestIncident] {
        incidents(sorted: points.values.sorted { $0.start < $1.start }, range: range, lossOfSignal: lossOfSignal)
    }

    /// ``incidents(_:range:lossOfSignal:)`` of points already in start order: a tuner that
    /// replays the same series with several thresholds sorts it once.
    func incidents(sorted points: [ReplayPoint], range: ClosedRange<Int64>,
                   lossOfSignal: Bool = true) -> [BacktestIncident] {
        let step = Int64(max(1, stepSeconds))
        let needed = max(1, term.durationSeconds / Int(step))
        let lastStart = WindowSeries.windowStart(ofSecond: range.upperBound, windowSeconds: Int(step))
        let rangeEnd = (lastStart + step) * 1000
        // The windows that overlap the range (a sliding window may start before its first record).
        let window = Int64(max(1, condition.windowSeconds))
        // The points are sorted by start, so those windows are one run of them, taken in one copy
        // (a filter grew its array as it went: a sixth of the replay in the tuner's profile).
        var first = 0, end = points.count
        while first < end && points[first].start + window <= range.lowerBound { first += 1 }
        while end > first && points[end - 1].start > lastStart { end -= 1 }
        let ordered = Array(points[first..<end])
        let evaluations = evaluationTimes(ordered)

        // The signal's pauses, from the records the windows span: where it was lost (and the
        // window whose evaluation brings it back), and before which window a gap goes unfilled.
        var losses: [(at: Int64, returning: Int?)] = []
        var unfilled = Set<Int>()
        var covered: Int64 = .min
        let expiration = condition.expirationSeconds.map { Int64($0) * 1000 }
        let history = historyMilliseconds
        for (index, point) in ordered.enumerated() {
            if index > 0, point.firstRecord > covered {
                let pause = point.firstRecord - covered
                if let expiration, pause >= expiration { losses.append((covered + expiration, index)) }
                if expiration.map({ pause >= $0 }) == true || pause > history { unfilled.insert(index) }
            }
            covered = Swift.max(covered, point.lastRecord)
        }
        if let expiration, !ordered.isEmpty { losses.append((covered + expiration, nil)) }

        // Evaluations and losses in time order; a loss before an evaluation at the same instant.
        var events: [(time: Int64, order: Int, index: Int)] = []
        events.reserveCapacity(evaluations.count + losses.count)
        for (index, time) in evaluations.enumerated() {
            if let time, time <= rangeEnd { events.append((time, 1, index)) }
        }
        for (index, loss) in losses.enumerated() where loss.at <= rangeEnd { events.append((loss.at, 0, index)) }
        // Evaluation times never go back, so without losses the events are already in order.
        if !losses.isEmpty { events.sort { ($0.time, $0.order, $0.index) < ($1.time, $1.order, $1.index) } }

        var state = State(term: term, needed: needed)
        var returning: Int?
        for event in events {
            state.forceClose(before: event.time, limitSeconds: condition.violationTimeLimitSeconds)
            if event.order == 0 {
                let loss = losses[event.index]
                let opened = state.expire(at: loss.at, lastWindow: ordered[(loss.returning ?? ordered.count) - 1].start,
                                          close: condition.closeOnExpiration,
                                          open: condition.openOnExpiration && lossOfSignal)
                if opened { returning = loss.returning }
                continue
            }
            let index = event.index
            let point = ordered[index]
            if index > 0 {
                let previous = ordered[index - 1]
                var gap = previous.start + step
                while gap < point.start {
                    let filled: Double? = switch condition.fill {
                    case _ where unfilled.contains(index), .none: nil
                    case let .static(fill): fill
                    case .lastValue: previous.value
                    }
                    state.evaluate(filled, windowStart: gap, at: event.time)
                    gap += step
                }
            }
            if returning == index {
                state.signalReturned(at: event.time)
                returning = nil
            }
            state.evaluate(point.value, windowStart: point.start, at: event.time)
        }
        state.forceClose(before: rangeEnd, limitSeconds: condition.violationTimeLimitSeconds)
        state.finish(rangeEnd: rangeEnd)
        return state.incidents
    }

    /// Event flow: when the first record stamped at or after `due` arrives, from the windows
    /// after `index`; nil when none does. `starts` carries the search position from window to
    /// window (due times grow with the window, so the search only moves forward).
    private func flowTime(due: Int64, after index: Int, _ ordered: [ReplayPoint], starts next: inout Int) -> Int64? {
        next = Swift.max(next, index + 1)
        let step = Int64(max(1, stepSeconds)) * 1000
        let offset = Int64(condition.effectiveDelaySeconds) * 1000 % step
        // `due` falls at `offset` into the window starting at `holder`: that window's first
        // record from there on, else the first record of any later window.
        let holder = (due - offset) / 1000
        while next < ordered.count, ordered[next].start < holder { next += 1 }
        guard next < ordered.count else { return nil }
        let point = ordered[next]
        guard let exact = point.firstFlowRecord else {
            // Without the windows' flow records (hand-made points): the first later window
            // holding a record at or after `due`, at the later of `due` and its first record.
            var search = index + 1
            while search < ordered.count, ordered[search].lastRecord < due { search += 1 }
            return search < ordered.count ? Swift.max(ordered[search].firstRecord, due) : nil
        }
        if point.start == holder, exact != .max { return exact }
        let later = point.start == holder ? next + 1 : next
        return later < ordered.count ? ordered[later].firstRecord : nil
    }

    /// When New Relic evaluates each window (epoch ms), in window order; nil for a window it
    /// never evaluates (event flow with no later record).
    func evaluationTimes(_ ordered: [ReplayPoint]) -> [Int64?] {
        let window = Int64(max(1, condition.windowSeconds)) * 1000
        let delay = Int64(condition.effectiveDelaySeconds) * 1000
        var times: [Int64?] = []
        times.reserveCapacity(ordered.count)
        var clock: Int64 = .min
        var flowIndex = 0
        for (index, point) in ordered.enumerated() {
            let due = point.start * 1000 + window + delay
            var time: Int64?
            switch condition.aggregationMethod {
            case .cadence:
                time = due
            case .eventTimer:
                time = point.lastRecord + delay
            case .eventFlow:
                time = flowTime(due: due, after: index, ordered, starts: &flowIndex)
            }
            guard let at = time else {
                times += Array(repeating: nil, count: ordered.count - index)
                break
            }
            clock = Swift.max(clock, at)
            times.append(clock)
        }
        return times
    }

    /// The state machine of one term on one signal.
    private struct State {
        let term: AlertThreshold
        let needed: Int
        var incidents: [BacktestIncident] = []
        var open: BacktestIncident?
        var lost: BacktestIncident?
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

        /// Force-closes the incidents open for the time limit by `time`, the threshold's and
        /// the loss-of-signal one alike.
        mutating func forceClose(before time: Int64, limitSeconds: Int) {
            guard limitSeconds > 0 else { return }
            let limit = Int64(limitSeconds) * 1000
            if let incident = open, incident.opened + limit <= time { close(at: incident.opened + limit) }
            if let incident = lost, incident.opened + limit <= time { signalReturned(at: incident.opened + limit) }
        }

        /// The signal is lost at `time`: the open incident closes (`close`), a loss-of-signal
        /// incident opens (`open`) unless one is still open; returns whether one opened.
        mutating func expire(at time: Int64, lastWindow: Int64, close shouldClose: Bool, open shouldOpen: Bool) -> Bool {
            if shouldClose { close(at: time) }
            guard shouldOpen, lost == nil else { return false }
            lost = BacktestIncident(opened: time, closed: time, openWindow: lastWindow, peak: 0, windows: 0,
                                    openAtEnd: false, lossOfSignal: true)
            return true
        }

        /// Closes the loss-of-signal incident at `time`.
        mutating func signalReturned(at time: Int64) {
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
