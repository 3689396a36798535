import Testing
@testable import LogTriageAlerts

extension Backtest {
    /// New Relic's streaming evaluation, one rule per test, on hand-made timelines of 60 s
    /// windows starting at epoch 0. Records sit 1 s into their window unless said.
    @Suite struct ConditionReplayTests {
        /// Points at these window indexes with these values.
        static func points(_ values: [Int: Double], offset: Int64 = 1_000) -> [Int64: ReplayPoint] {
            var points: [Int64: ReplayPoint] = [:]
            for (index, value) in values {
                let start = Int64(index * 60)
                points[start] = ReplayPoint(start: start, value: value, firstRecord: start * 1000 + offset,
                                            lastRecord: start * 1000 + offset)
            }
            return points
        }

        /// Cadence with no delay: a window is evaluated at its end, so times are exact.
        static func condition(fill: FillOption = .none, method: AggregationMethod = .cadence, delay: Int? = 0,
                              expiration: Int? = nil, open: Bool = false, close: Bool = false,
                              limit: Int = AlertCondition.defaultViolationTimeLimitSeconds,
                              slide: Int? = nil, window: Int = 60) -> AlertCondition {
            AlertCondition(name: "c", nrql: "SELECT count(*) FROM Log", windowSeconds: window, slideBySeconds: slide,
                           fill: fill, aggregationMethod: method, aggregationDelaySeconds: delay,
                           aggregationTimerSeconds: delay, expirationSeconds: expiration, openOnExpiration: open,
                           closeOnExpiration: close, violationTimeLimitSeconds: limit, critical: nil)
        }

        static let aboveThreeForTwo = AlertThreshold(operator: .above, value: 3, durationSeconds: 120)
        static let range: ClosedRange<Int64> = 0...(60 * 60 - 1)  // one hour: 60 windows
        static let rangeEnd: Int64 = 3_600_000

        static func replay(_ condition: AlertCondition, _ term: AlertThreshold,
                           _ points: [Int64: ReplayPoint], range: ClosedRange<Int64> = range) -> [BacktestIncident] {
            ConditionReplay(condition: condition, term: term).incidents(points, range: range)
        }

        static func replay(_ condition: AlertCondition, _ points: [Int64: ReplayPoint]) -> [BacktestIncident] {
            replay(condition, aboveThreeForTwo, points)
        }

        @Test("a window without records is no data point: a count does not drop to 0 and close the incident")
        func noDataPointInQuietWindows() {
            let incidents = Self.replay(Self.condition(), Self.points([0: 5, 1: 5]))
            #expect(incidents.count == 1)
            #expect(incidents.first?.opened == 120_000)
            #expect(incidents.first?.openAtEnd == true)
            #expect(incidents.first?.closed == Self.rangeEnd)
        }

        @Test("an incident closes after the duration's worth of data points below the threshold")
        func closesAfterDurationOfNonBreachingPoints() {
            let incidents = Self.replay(Self.condition(), Self.points([0: 5, 1: 5, 2: 1, 3: 7, 4: 1, 5: 1]))
            #expect(incidents.map(\.opened) == [120_000])
            #expect(incidents.map(\.closed) == [360_000])
            #expect(incidents.first?.peak == 7)
        }

        @Test("fill none: an empty window resets the duration count")
        func fillNoneResetsTheCount() {
            #expect(Self.replay(Self.condition(), Self.points([0: 5, 2: 5, 4: 5])).isEmpty)
        }

        @Test("fill static: the empty windows before a data point read the fill value when it comes")
        func fillStatic() {
            let incidents = Self.replay(Self.condition(fill: .static(5)), Self.points([0: 5, 2: 1, 3: 1]))
            // Window 1 is filled with 5 when window 2 is evaluated, just before it.
            #expect(incidents.map(\.opened) == [180_000])
            #expect(incidents.map(\.openWindow) == [60])
            // Windows 4 on never see data come back: New Relic fills nothing.
            #expect(incidents.map(\.closed) == [240_000])
            #expect(Self.replay(Self.condition(fill: .static(0)), Self.points([0: 5, 2: 5])).isEmpty)
        }

        @Test("fill last_value: the empty windows before a data point read the last data point's value")
        func fillLastValue() {
            let incidents = Self.replay(Self.condition(fill: .lastValue), Self.points([0: 5, 10: 1, 11: 1]))
            #expect(incidents.map(\.opened) == [660_000])
            #expect(incidents.map(\.closed) == [720_000])
        }

        @Test("a gap longer than the signal's history (two hours, or the longest threshold duration) is not filled")
        func signalHistoryDroppedAfterTwoHours() {
            let quietBelow = AlertThreshold(operator: .below, value: 1, durationSeconds: 3_600)
            let day: ClosedRange<Int64> = 0...(6 * 3_600 - 1)
            let condition = Self.condition(fill: .static(0))
            // Back after 90 minutes: the hour of filled zeros breaches, evaluated when data returns.
            #expect(Self.replay(condition, quietBelow, Self.points([0: 5, 90: 5]), range: day).map(\.opened)
                == [91 * 60_000])
            // Back after 150 minutes: the history is gone, nothing is filled.
            #expect(Self.replay(condition, quietBelow, Self.points([0: 5, 150: 5]), range: day).isEmpty)
            // A three-hour threshold keeps the history for three hours.
            var longer = condition
            longer.warning = AlertThreshold(operator: .below, value: 1, durationSeconds: 3 * 3_600)
            #expect(Self.replay(longer, quietBelow, Self.points([0: 5, 150: 5]), range: day).map(\.opened)
                == [151 * 60_000])
        }

        @Test("a gap during which the signal was lost is not filled")
        func lostGapIsNotFilled() {
            let quietBelow = AlertThreshold(operator: .below, value: 1, durationSeconds: 600)
            let condition = Self.condition(fill: .static(0), expiration: 900)
            #expect(Self.replay(condition, quietBelow, Self.points([0: 5, 14: 5])).map(\.opened) == [15 * 60_000])
            #expect(Self.replay(condition, quietBelow, Self.points([0: 5, 16: 5])).isEmpty)
        }

        @Test("loss of signal closes open incidents with close_violations_on_expiration")
        func expirationCloses() {
            let condition = Self.condition(expiration: 600, close: true)
            let incidents = Self.replay(condition, Self.aboveThreeForTwo, Self.points([0: 5, 1: 5]))
            #expect(incidents.map(\.closed) == [61_000 + 600_000])
            #expect(incidents.first?.openAtEnd == false)
            // Without the flag the incident stays open.
            #expect(Self.replay(Self.condition(expiration: 600), Self.aboveThreeForTwo, Self.points([0: 5, 1: 5]))
                .first?.openAtEnd == true)
        }

        @Test("loss of signal opens an incident with open_violation_on_expiration; data closes it")
        func expirationOpens() {
            let condition = Self.condition(expiration: 300, open: true)
            let incidents = Self.replay(condition, Self.aboveThreeForTwo, Self.points([0: 1, 20: 1]))
            let lost = incidents.filter(\.lossOfSignal)
            // Lost 300 s after the record at 1 s, back with the record at minute 20 (closed when its
            // window is evaluated), lost again after it.
            #expect(lost.map(\.opened) == [1_000 + 300_000, 1_201_000 + 300_000])
            #expect(lost.map(\.closed) == [1_260_000, Self.rangeEnd])
            #expect(lost.map(\.openAtEnd) == [false, true])
        }

        @Test("a loss-of-signal incident is force-closed at the time limit too")
        func lossOfSignalTimeLimit() {
            let condition = Self.condition(expiration: 300, open: true, limit: 600)
            let lost = Self.replay(condition, Self.aboveThreeForTwo, Self.points([0: 1])).filter(\.lossOfSignal)
            #expect(lost.map(\.opened) == [301_000])
            #expect(lost.map(\.closed) == [901_000])
            #expect(lost.map(\.openAtEnd) == [false])
        }

        @Test("loss of signal is measured from the records, whenever their window is evaluated")
        func lossUsesArrivals() {
            // Event flow evaluates window 0 only when the record of minute 9 arrives; the signal
            // was never quiet for the 10-minute expiration, so nothing is lost.
            let condition = Self.condition(method: .eventFlow, delay: 120, expiration: 600, open: true)
            let incidents = Self.replay(condition, Self.aboveThreeForTwo, Self.points([0: 1, 9: 1, 18: 1, 27: 1]))
            let lostAfterTheLastRecord: Int64 = 27 * 60_000 + 1_000 + 600_000
            #expect(incidents.filter(\.lossOfSignal).map(\.opened) == [lostAfterTheLastRecord])
        }

        @Test("an incident open for violation_time_limit_seconds is force-closed; a breach still going opens another")
        func timeLimitForceCloses() {
            let breaching = Dictionary(uniqueKeysWithValues: (0..<30).map { ($0, 5.0) })
            let incidents = Self.replay(Self.condition(limit: 600), Self.aboveThreeForTwo, Self.points(breaching))
            #expect(incidents.first?.opened == 120_000)
            #expect(incidents.first?.closed == 720_000)
            #expect(incidents.count == 3)
            #expect(incidents[1].opened == 780_000)  // windows 11 and 12, evaluated from the force-close on
        }

        @Test("sliding windows: each step evaluates the window ending there, merged from its steps")
        func slidingWindows() {
            let condition = Self.condition(slide: 60, window: 180)
            let select = NRQLExpression.aggregate(.count)
            var buckets: [Int64: ConditionWindow] = [:]
            for (minute, records) in [0: 2, 1: 1, 2: 1, 5: 1] {
                var window = ConditionWindow(select, windowSeconds: 180)
                for second in 0..<records {
                    window.add(NRQLAttributes([:]))
                    window.noteTime(Int64(minute * 60 + second) * 1000)
                }
                buckets[Int64(minute * 60)] = window
            }
            let windows = AlertReviewer.windows(of: condition, select: select, buckets: buckets, step: 60)
            let points = AlertReviewer.points(windows, windowSeconds: 180)
            // Window starting at minute 0 spans minutes 0–2: 4 records; minute 1: 2; minute 2: 1.
            #expect(points[0]?.value == 4 && points[60]?.value == 2 && points[120]?.value == 1)
            #expect(points[-120]?.value == 2 && points[180]?.value == 1 && points[240]?.value == 1)
            #expect(points[360] == nil)
            let term = AlertThreshold(operator: .above, value: 3, durationSeconds: 60)
            let incidents = ConditionReplay(condition: condition, term: term).incidents(points, range: Self.range)
            #expect(incidents.map(\.opened) == [180_000])  // the window 0–180 s, evaluated at its end
            #expect(incidents.map(\.openWindow) == [0])
        }

        @Test("filter() reads 0 in a window where the outer query matched records, and nothing where it matched none")
        func filterZeroOnlyWithOuterRecords() throws {
            let query = try NRQLQuery.parse("SELECT filter(count(*), WHERE level = 'ERROR') FROM Log", condition: "c")
            var busy = ConditionWindow(query.select)
            busy.add(passingInner: false)
            busy.noteTime(1_000)
            let points = AlertReviewer.points([0: busy], windowSeconds: 60)
            #expect(points[0]?.value == 0)
            #expect(points[60] == nil)
            #expect(points.count == 1)
        }

        @Test("cadence: a window is evaluated at its end plus the delay")
        func cadence() {
            let incidents = Self.replay(Self.condition(delay: 30), Self.aboveThreeForTwo, Self.points([0: 5, 1: 5]))
            #expect(incidents.map(\.opened) == [150_000])
        }

        @Test("event timer: a window is evaluated the timer after its last record")
        func eventTimer() {
            let condition = Self.condition(method: .eventTimer, delay: 20)
            let incidents = Self.replay(condition, Self.aboveThreeForTwo, Self.points([0: 5, 1: 5], offset: 10_000))
            #expect(incidents.map(\.opened) == [60_000 + 10_000 + 20_000])
        }

        @Test("event flow: a window is evaluated when a record later than its end plus the delay arrives")
        func eventFlow() {
            let condition = Self.condition(method: .eventFlow, delay: 120)
            // Windows 0 and 1 breach; the next record comes at minute 10.
            let incidents = Self.replay(condition, Self.aboveThreeForTwo, Self.points([0: 5, 1: 5, 10: 1]))
            #expect(incidents.map(\.opened) == [601_000])
            // With no later record, the last windows are never evaluated.
            #expect(Self.replay(condition, Self.aboveThreeForTwo, Self.points([0: 5, 1: 5])).isEmpty)
        }

        @Test("New Relic's defaults apply when a setting is absent")
        func defaults() {
            let condition = AlertCondition(name: "c", nrql: "SELECT count(*) FROM Log", critical: nil)
            #expect(condition.windowSeconds == 60 && condition.fill == .none && condition.aggregationMethod == .eventFlow)
            #expect(condition.effectiveDelaySeconds == AlertCondition.defaultAggregationDelaySeconds)
            #expect(condition.violationTimeLimitSeconds == 259_200)
            #expect(condition.expirationSeconds == nil && !condition.openOnExpiration && !condition.closeOnExpiration)
            var timer = condition
            timer.aggregationMethod = .eventTimer
            #expect(timer.effectiveDelaySeconds == 60)
        }
    }
}
