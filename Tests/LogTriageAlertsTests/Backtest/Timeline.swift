@testable import LogTriageAlerts

/// Hand-made timelines: window `i` of a list starts `i` windows after ``Timeline/origin``.
enum Timeline {
    /// 2026-01-01T00:00:00Z, a multiple of every window used here.
    static let origin: Int64 = 1_767_225_600

    /// A series from one value per window; nil is a window without records.
    static func series(_ values: [Double?], window: Int = 60, zeroWhenEmpty: Bool) -> WindowSeries {
        var map: [Int64: Double] = [:]
        for (index, value) in values.enumerated() {
            if let value { map[origin + Int64(index * window)] = value }
        }
        return WindowSeries(windowSeconds: window, values: map, zeroWhenEmpty: zeroWhenEmpty)
    }

    /// The range covering exactly `count` windows from the origin.
    static func range(windows count: Int, window: Int = 60) -> ClosedRange<Int64> {
        origin...(origin + Int64(count * window) - 1)
    }

    /// The incidents of `threshold` on one value per window, over exactly those windows, as
    /// ``ConditionReplay`` replays them with each window evaluated at its end (cadence, no
    /// delay); `zeroWhenEmpty` fills empty windows with a static 0.
    static func incidents(_ values: [Double?], _ threshold: AlertThreshold, window: Int = 60,
                          zeroWhenEmpty: Bool = true) -> [BacktestIncident] {
        replay(series(values, window: window, zeroWhenEmpty: zeroWhenEmpty), threshold,
               range: range(windows: values.count, window: window))
    }

    /// The incidents of `threshold` on a series over `range`, replayed as above.
    static func replay(_ series: WindowSeries, _ threshold: AlertThreshold, range: ClosedRange<Int64>) -> [BacktestIncident] {
        var points: [Int64: ReplayPoint] = [:]
        for (start, value) in series.values {
            points[start] = ReplayPoint(start: start, value: value, firstRecord: start * 1000, lastRecord: start * 1000)
        }
        let condition = AlertCondition(name: "timeline", nrql: "SELECT count(*) FROM Log",
                                       windowSeconds: series.windowSeconds,
                                       fill: series.zeroWhenEmpty ? .static(0) : .none, aggregationMethod: .cadence,
                                       aggregationDelaySeconds: 0, critical: threshold)
        return ConditionReplay(condition: condition, term: threshold).incidents(points, range: range)
    }

    /// An expected incident, in window indexes: it opens at the end of window `opensAfter`
    /// and closes at the end of window `closesAfter` (so `closesAfter + 1` windows from the origin).
    static func incident(opensAfter: Int, closesAfter: Int, peak: Double, windows: Int, openAtEnd: Bool = false,
                         window: Int = 60) -> BacktestIncident {
        BacktestIncident(opened: (origin + Int64((opensAfter + 1) * window)) * 1000,
                         closed: (origin + Int64((closesAfter + 1) * window)) * 1000,
                         openWindow: origin + Int64(opensAfter * window), peak: peak, windows: windows,
                         openAtEnd: openAtEnd)
    }

    static func all(_ op: ThresholdOperator, _ value: Double, windows: Int = 1, window: Int = 60) -> AlertThreshold {
        AlertThreshold(operator: op, value: value, durationSeconds: windows * window, occurrences: .all)
    }

    static func once(_ op: ThresholdOperator, _ value: Double, windows: Int = 1, window: Int = 60) -> AlertThreshold {
        AlertThreshold(operator: op, value: value, durationSeconds: windows * window, occurrences: .atLeastOnce)
    }
}
