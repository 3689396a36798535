/// Replays one condition term over a window series and lists the incidents New Relic would
/// have opened, so the team sees how often and how long a condition would page.
///
/// Semantics (static thresholds, no fill, no loss of signal, no slide-by):
/// - Windows are tumbling, `windowSeconds` long and aligned to the epoch. The analysed windows
///   are those whose start lies between the windows holding `range.lowerBound` and
///   `range.upperBound`; the range ends at the end of the last of them.
/// - The sequence of windows: with `zeroWhenEmpty` every analysed window, a missing value
///   reading 0; without it only the windows that have a value, in time order (an empty
///   window is skipped: it neither breaches, nor closes an incident, nor breaks a run).
/// - A window breaches when `value <operator> threshold` holds.
/// - `all`, with `n = duration_s / window_s`: an incident opens at the end of the n-th
///   consecutive breaching window of the sequence and closes at the end of the first
///   following window that does not breach. The run restarts from zero after any window that
///   does not breach.
/// - `at_least_once`, same `n`: an incident opens at the end of the first breaching window and
///   closes at the end of the n-th consecutive non-breaching window of the sequence (a full
///   `duration_s` without a breach, when every window exists); a breach resets that count.
/// - An incident still open after the last window closes at the range end, flagged `openAtEnd`.
/// - Each facet value is its own signal: call once per series (see ``incidents(byFacet:threshold:range:)``).
public enum Backtester {
    /// The incidents of `threshold` on one signal within `range` (epoch seconds), in time order.
    public static func incidents(_ series: WindowSeries, threshold: AlertThreshold,
                                 range: ClosedRange<Int64>) -> [BacktestIncident] {
        guard series.windowSeconds > 0 else { return [] }
        let window = Int64(series.windowSeconds)
        let first = WindowSeries.windowStart(ofSecond: range.lowerBound, windowSeconds: series.windowSeconds)
        let last = WindowSeries.windowStart(ofSecond: range.upperBound, windowSeconds: series.windowSeconds)
        var replay = Replay(threshold: threshold, needed: threshold.windows(of: series.windowSeconds), window: window)
        if series.zeroWhenEmpty {
            var start = first
            while start <= last {
                replay.step(start: start, value: series.values[start] ?? 0)
                start += window
            }
        } else {
            for (start, value) in series.values.filter({ first <= $0.key && $0.key <= last }).sorted(by: { $0.key < $1.key }) {
                replay.step(start: start, value: value)
            }
        }
        replay.finish(rangeEnd: (last + window) * 1000)
        return replay.incidents
    }

    /// The incidents of every facet value, each its own signal, keyed by facet value.
    public static func incidents(byFacet series: [String: WindowSeries], threshold: AlertThreshold,
                                 range: ClosedRange<Int64>) -> [String: [BacktestIncident]] {
        var result: [String: [BacktestIncident]] = [:]
        for (facet, signal) in series {
            let found = incidents(signal, threshold: threshold, range: range)
            if !found.isEmpty { result[facet] = found }
        }
        return result
    }

    /// The state machine over the window sequence.
    private struct Replay {
        let threshold: AlertThreshold
        let needed: Int
        let window: Int64
        var incidents: [BacktestIncident] = []
        /// The incident being built, open once `opened` is set.
        var open: BacktestIncident?
        /// `all`: consecutive breaching windows not yet open, and their peak.
        var run = 0
        var runPeak = 0.0
        /// `at_least_once`: consecutive non-breaching windows while open.
        var quiet = 0

        init(threshold: AlertThreshold, needed: Int, window: Int64) {
            self.threshold = threshold
            self.needed = needed
            self.window = window
        }

        func farther(_ current: Double, _ value: Double) -> Double {
            abs(value - threshold.value) > abs(current - threshold.value) ? value : current
        }

        mutating func step(start: Int64, value: Double) {
            let end = (start + window) * 1000
            let breaches = threshold.breaches(value)
            switch threshold.occurrences {
            case .all:
                if breaches {
                    if var incident = open {
                        incident.windows += 1
                        incident.peak = farther(incident.peak, value)
                        open = incident
                    } else {
                        runPeak = run == 0 ? value : farther(runPeak, value)
                        run += 1
                        if run >= needed {
                            open = BacktestIncident(opened: end, closed: end, openWindow: start, peak: runPeak,
                                                    windows: run, openAtEnd: false)
                            run = 0
                        }
                    }
                } else {
                    close(at: end)
                    run = 0
                }
            case .atLeastOnce:
                if breaches {
                    quiet = 0
                    if var incident = open {
                        incident.windows += 1
                        incident.peak = farther(incident.peak, value)
                        open = incident
                    } else {
                        open = BacktestIncident(opened: end, closed: end, openWindow: start, peak: value, windows: 1,
                                                openAtEnd: false)
                    }
                } else if open != nil {
                    quiet += 1
                    if quiet >= needed {
                        close(at: end)
                        quiet = 0
                    }
                }
            }
        }

        mutating func close(at end: Int64) {
            guard var incident = open else { return }
            incident.closed = end
            incidents.append(incident)
            open = nil
        }

        mutating func finish(rangeEnd: Int64) {
            guard var incident = open else { return }
            incident.closed = max(rangeEnd, incident.opened)
            incident.openAtEnd = true
            incidents.append(incident)
            open = nil
        }
    }
}
