import LogTriageAlerts
import LogTriageModel

/// One signal (one facet value) of a condition, run the way New Relic's streaming alerts
/// document it, as an event-driven simulation: records arrive in time order (at their
/// timestamp: the sample has no ingest latency), and each arrival first lets every timer
/// due by then fire.
///
/// - Windows (*Streaming alerts: key terms and concepts*): a record belongs to every window
///   of `aggregation_window` that holds its timestamp, one starting every `slide_by` (or every
///   window). Once aggregated, a window takes no more data (*Choose your aggregation method*):
///   a late record is left out.
/// - Aggregation: `event_flow` aggregates a window when a record of the signal arrives stamped
///   at or after its end plus the delay; `event_timer` when its timer, restarted by each of
///   its records, runs out, but never before an earlier window; `cadence` at its end plus the
///   delay on the wall clock. A window whose query has no value (`count` of nothing) gives no
///   data point.
/// - Gaps (*NerdGraph tutorial: Loss of signal and gap filling*): New Relic fills the empty
///   windows before a data point only once that data point comes, so they are evaluated at
///   its evaluation, just before it; never when the signal was lost during the gap (expired),
///   nor after its history is dropped (*Create NRQL alert conditions*: no record for 2 hours
///   or the threshold duration, whichever is longer). Unfilled, they reset the duration.
/// - Loss of signal: no record for `expiration_duration` after the last one; the open
///   incidents close then (`close_violations_on_expiration`), and an incident opens
///   (`open_violation_on_expiration`) that closes "when new data is evaluated".
/// - Every incident, loss-of-signal ones included, is closed by New Relic when it has been
///   open for `violation_time_limit_seconds`.
struct StreamingSignal: Sendable {
    private struct Window: Sendable {
        var accumulator: NRQLSelectAccumulator
        var lastRecord: Int64
        /// Its records came after the signal was lost, or after its history was dropped:
        /// the empty windows before it are not filled.
        var followsUnfilledGap = false
        /// It holds the first record after the loss of signal at this instant: evaluating it
        /// closes a loss-of-signal incident opened by then ("when new data is evaluated").
        var followsLoss: Int64?
    }

    let condition: Int
    let facet: String
    private let settings: StreamingSettings
    private let select: NRQLExpression
    private var terms: [StreamingTerm]
    private var windows: [Int64: Window] = [:]
    /// Start of the last window aggregated: a record of an earlier window is late.
    private var aggregatedThrough: Int64 = .min
    private var lastAggregation: Int64 = .min
    private var lastPoint: (start: Int64, value: Double)?
    private var lastArrival: Int64?
    /// When the signal was lost, while it is.
    private var lostAt: Int64?
    /// Carried from a window without a data point to the next one that has one.
    private var carriedUnfilled = false
    private var carriedLoss: Int64?
    private var lossIncident: SimulatedIncident?
    private(set) var incidents: [SimulatedIncident] = []

    init(condition: Int, facet: String, settings: StreamingSettings, select: NRQLExpression) {
        self.condition = condition
        self.facet = facet
        self.settings = settings
        self.select = select
        terms = settings.terms.map {
            StreamingTerm(priority: $0.priority, threshold: $0.threshold, evaluations: settings.evaluations(for: $0.threshold))
        }
    }

    /// One record of the signal (it passed the query's `WHERE`), arriving at `time`.
    mutating func receive(_ record: NRQLAttributes, at time: Int64) {
        advance(through: time)
        if settings.method == .eventFlow {
            while let start = windows.keys.min(), start + settings.window + settings.wait <= time {
                aggregate(start, at: time)
            }
        }
        let afterLoss = lostAt
        let unfilled = lostAt != nil || lastArrival.map { time - $0 > settings.history } ?? false
        lostAt = nil
        lastArrival = time
        var start = Self.floor(time, settings.step)
        var earliest: Int64?
        var created = false
        while start > time - settings.window {
            if start > aggregatedThrough {
                if windows[start] == nil {
                    windows[start] = Window(accumulator: NRQLSelectAccumulator(select, windowSeconds: Int(settings.window / 1000)),
                                            lastRecord: time)
                    created = true
                } else {
                    created = false
                }
                windows[start]!.accumulator.add(record, time: time)
                windows[start]!.lastRecord = time
                earliest = start
            }
            start -= settings.step
        }
        if let earliest {
            if let afterLoss { windows[earliest]!.followsLoss = afterLoss }
            if unfilled && created { windows[earliest]!.followsUnfilledGap = true }
        }
    }

    /// Lets every timer due at or before `time` fire, in time order: incidents reaching the
    /// time limit and the loss of signal before a window aggregated at the same instant.
    mutating func advance(through time: Int64) {
        while true {
            var next: (time: Int64, event: Event)?
            func consider(_ candidate: Int64?, _ event: Event) {
                guard let candidate, candidate <= time, candidate < next?.time ?? .max else { return }
                next = (candidate, event)
            }
            if let limit = settings.timeLimit {
                for index in terms.indices { consider(terms[index].open.map { $0.opened + limit }, .timeLimit(index)) }
                consider(lossIncident.map { $0.opened + limit }, .lossTimeLimit)
            }
            if let expiration = settings.expiration, lostAt == nil {
                consider(lastArrival.map { $0 + expiration }, .expiry)
            }
            if settings.method != .eventFlow, let start = windows.keys.min() {
                consider(dueTime(of: start), .aggregation(start))
            }
            guard let (at, event) = next else { return }
            switch event {
            case let .timeLimit(index):
                if let incident = terms[index].close(at: at, cause: .expired) { incidents.append(incident) }
            case .lossTimeLimit:
                closeLossIncident(at: at, cause: .expired)
            case .expiry:
                expire(at: at)
            case let .aggregation(start):
                aggregate(start, at: at)
            }
        }
    }

    private enum Event { case timeLimit(Int), lossTimeLimit, expiry, aggregation(Int64) }

    /// When a window with data is aggregated by a timer (cadence, event timer).
    private func dueTime(of start: Int64) -> Int64 {
        switch settings.method {
        case .cadence: start + settings.window + settings.wait
        case .eventTimer: max(windows[start]!.lastRecord + settings.wait, lastAggregation)
        case .eventFlow: .max
        }
    }

    private mutating func aggregate(_ start: Int64, at time: Int64) {
        let window = windows.removeValue(forKey: start)!
        aggregatedThrough = start
        lastAggregation = time
        let unfilled = window.followsUnfilledGap || carriedUnfilled
        let returned = [window.followsLoss, carriedLoss].compactMap { $0 }.max()
        guard let value = window.accumulator.value(windowEnd: start + settings.window), value.isFinite else {
            carriedUnfilled = unfilled
            carriedLoss = returned
            return
        }
        carriedUnfilled = false
        carriedLoss = nil
        if let previous = lastPoint {
            var gap = previous.start + settings.step
            while gap < start {
                let filled: Double? = switch settings.fill {
                case _ where unfilled: nil
                case .none: nil
                case let .static(fill): fill
                case .lastValue: previous.value
                }
                evaluate(filled, windowStart: gap, at: time)
                gap += settings.step
            }
        }
        if let returned, let incident = lossIncident, returned >= incident.opened {
            closeLossIncident(at: time, cause: .lossOfSignal)
        }
        evaluate(value, windowStart: start, at: time)
        lastPoint = (start, value)
    }

    private mutating func evaluate(_ value: Double?, windowStart: Int64, at time: Int64) {
        for index in terms.indices {
            let opening = SimulatedIncident(condition: condition, priority: terms[index].priority, facet: facet,
                                            opened: time, closed: nil, closeCause: nil, lossOfSignal: false)
            if let closed = terms[index].evaluate(value, at: time, opening: opening) { incidents.append(closed) }
        }
    }

    private mutating func expire(at time: Int64) {
        lostAt = time
        if settings.closeOnExpiration {
            for index in terms.indices {
                if let closed = terms[index].close(at: time, cause: .lossOfSignal) { incidents.append(closed) }
            }
        }
        if settings.openOnExpiration, lossIncident == nil, let first = terms.first {
            lossIncident = SimulatedIncident(condition: condition, priority: first.priority, facet: facet, opened: time,
                                             closed: nil, closeCause: nil, lossOfSignal: true)
        }
    }

    private mutating func closeLossIncident(at time: Int64, cause: SimulatedIncident.CloseCause) {
        guard var incident = lossIncident else { return }
        incident.closed = time
        incident.closeCause = cause
        incidents.append(incident)
        lossIncident = nil
    }

    /// Ends the simulation at `time`: timers due by then fire; incidents still open stay open.
    mutating func finish(at time: Int64) -> [SimulatedIncident] {
        advance(through: time)
        return incidents + terms.compactMap(\.open) + [lossIncident].compactMap { $0 }
    }

    static func floor(_ time: Int64, _ step: Int64) -> Int64 {
        let remainder = time % step
        return remainder < 0 ? time - remainder - step : time - remainder
    }
}
