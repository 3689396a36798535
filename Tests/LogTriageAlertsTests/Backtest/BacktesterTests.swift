import Testing
@testable import LogTriageAlerts

extension Backtest {
    @Suite struct BacktesterTests {
        typealias T = Timeline

        static let ramp: [Double?] = [1, 2, 3, 2, 1]

        static let operatorCases: [(ThresholdOperator, [BacktestIncident])] = [
            (.above, [T.incident(opensAfter: 2, closesAfter: 3, peak: 3, windows: 1)]),
            (.aboveOrEquals, [T.incident(opensAfter: 1, closesAfter: 4, peak: 3, windows: 3)]),
            (.below, [T.incident(opensAfter: 0, closesAfter: 1, peak: 1, windows: 1),
                      T.incident(opensAfter: 4, closesAfter: 4, peak: 1, windows: 1, openAtEnd: true)]),
            (.belowOrEquals, [T.incident(opensAfter: 0, closesAfter: 2, peak: 1, windows: 2),
                              T.incident(opensAfter: 3, closesAfter: 4, peak: 1, windows: 2, openAtEnd: true)]),
            (.equals, [T.incident(opensAfter: 1, closesAfter: 2, peak: 2, windows: 1),
                       T.incident(opensAfter: 3, closesAfter: 4, peak: 2, windows: 1)]),
            (.notEquals, [T.incident(opensAfter: 0, closesAfter: 1, peak: 1, windows: 1),
                          T.incident(opensAfter: 2, closesAfter: 3, peak: 3, windows: 1),
                          T.incident(opensAfter: 4, closesAfter: 4, peak: 1, windows: 1, openAtEnd: true)]),
        ]

        @Test("each operator on 1 2 3 2 1 against 2, one-window duration", arguments: operatorCases)
        func operators(op: ThresholdOperator, expected: [BacktestIncident]) {
            #expect(T.incidents(Self.ramp, T.all(op, 2)) == expected)
            // With a one-window duration both occurrence modes agree.
            #expect(T.incidents(Self.ramp, T.once(op, 2)) == expected)
        }

        @Test("operators compare strictly or inclusively at the threshold itself")
        func boundaries() {
            #expect(!ThresholdOperator.above.breaches(2, 2))
            #expect(ThresholdOperator.aboveOrEquals.breaches(2, 2))
            #expect(!ThresholdOperator.below.breaches(2, 2))
            #expect(ThresholdOperator.belowOrEquals.breaches(2, 2))
            #expect(ThresholdOperator.equals.breaches(2, 2))
            #expect(!ThresholdOperator.notEquals.breaches(2, 2))
        }

        @Test("all: opens after duration/window consecutive breaching windows, closes after as many that do not")
        func allNeedsAFullRun() {
            // Runs of 2 then 4 breaching windows; 3 are needed, and 3 below to close.
            let values: [Double?] = [5, 5, 0, 5, 5, 5, 5, 0, 0]
            #expect(T.incidents(values, T.all(.above, 4, windows: 3)) == [
                T.incident(opensAfter: 5, closesAfter: 8, peak: 5, windows: 4, openAtEnd: true),
            ])
            #expect(T.incidents(values + [0], T.all(.above, 4, windows: 3)) == [
                T.incident(opensAfter: 5, closesAfter: 9, peak: 5, windows: 4),
            ])
            // The peak counts the run that opened the incident, not only windows after.
            #expect(T.incidents([5, 6, 0, 7, 9, 8, 0], T.all(.above, 4, windows: 3)) == [
                T.incident(opensAfter: 5, closesAfter: 6, peak: 9, windows: 3, openAtEnd: true),
            ])
            // Two runs of 2 never open a 3-window condition.
            #expect(T.incidents([5, 5, 0, 5, 5, 0], T.all(.above, 4, windows: 3)).isEmpty)
        }

        @Test("at_least_once: opens at the end of the first breaching window, closes after a full quiet duration")
        func atLeastOnce() {
            let values: [Double?] = [0, 5, 0, 0, 5, 0, 0, 0, 0]
            // The breach in window 4 comes before 3 quiet windows, so it extends the same incident.
            #expect(T.incidents(values, T.once(.above, 4, windows: 3)) == [
                T.incident(opensAfter: 1, closesAfter: 7, peak: 5, windows: 2),
            ])
            // A shorter duration closes in between and opens again.
            #expect(T.incidents(values, T.once(.above, 4, windows: 2)) == [
                T.incident(opensAfter: 1, closesAfter: 3, peak: 5, windows: 1),
                T.incident(opensAfter: 4, closesAfter: 6, peak: 5, windows: 1),
            ])
            // The same timeline never holds 3 breaching windows in a row.
            #expect(T.incidents(values, T.all(.above, 4, windows: 3)).isEmpty)
        }

        @Test("at_least_once: the peak is the most extreme breaching value while open")
        func atLeastOncePeak() {
            #expect(T.incidents([0, 3, 0, 8, 4, 0, 0], T.once(.above, 2, windows: 2)) == [
                T.incident(opensAfter: 1, closesAfter: 6, peak: 8, windows: 3),
            ])
            #expect(T.incidents([9, 0.5, 3, 0.1, 9, 9], T.once(.below, 1, windows: 2)) == [
                T.incident(opensAfter: 1, closesAfter: 5, peak: 0.1, windows: 2),
            ])
        }

        @Test("each facet value is its own signal")
        func facets() {
            let series = [
                "billing": T.series([5, 5, 0, 0], zeroWhenEmpty: true),
                "payments": T.series([0, 5, 5, 5], zeroWhenEmpty: true),
                "quiet": T.series([0, 0, 0, 0], zeroWhenEmpty: true),
            ]
            let found = series.mapValues { T.replay($0, T.all(.above, 4, windows: 2), range: T.range(windows: 4)) }
                .filter { !$0.value.isEmpty }
            #expect(found == [
                "billing": [T.incident(opensAfter: 1, closesAfter: 3, peak: 5, windows: 2)],
                "payments": [T.incident(opensAfter: 2, closesAfter: 3, peak: 5, windows: 3, openAtEnd: true)],
            ])
        }

        @Test("fill none: a gap neither breaches nor closes, and it resets the duration count")
        func gapsAreSkipped() {
            let values: [Double?] = [5, 5, nil, 5, nil, 0]
            #expect(T.incidents(values, T.all(.above, 4, windows: 3), zeroWhenEmpty: false).isEmpty)
            // An open incident survives the gap.
            #expect(T.incidents([5, nil, 5], T.all(.above, 4), zeroWhenEmpty: false) == [
                T.incident(opensAfter: 0, closesAfter: 2, peak: 5, windows: 2, openAtEnd: true),
            ])
            // A gap never breaches, not even `below`.
            #expect(T.incidents([5, nil, nil, 5], T.all(.below, 1), zeroWhenEmpty: false).isEmpty)
            // at_least_once counts only windows that have a value towards the quiet duration.
            #expect(T.incidents([5, nil, nil, nil, 0, 0, 0], T.once(.above, 4, windows: 3), zeroWhenEmpty: false) == [
                T.incident(opensAfter: 0, closesAfter: 6, peak: 5, windows: 1),
            ])
        }

        @Test("zeroWhenEmpty true: a gap reads 0 once data comes back, so it breaks runs, closes incidents and can breach")
        func gapsReadZero() {
            #expect(T.incidents([5, 5, nil, 5, nil, 0], T.all(.above, 4, windows: 3)).isEmpty)
            // The gap is evaluated with window 2, just before it.
            #expect(T.incidents([5, nil, 5], T.all(.above, 4)) == [
                T.incident(opensAfter: 0, closesAfter: 2, peak: 5, windows: 1),
                T.incident(opensAfter: 2, closesAfter: 2, peak: 5, windows: 1, openAtEnd: true),
            ])
            let evaluatedWithWindow3 = (T.origin + 4 * 60) * 1000
            #expect(T.incidents([5, nil, nil, 5], T.all(.below, 1)) == [
                BacktestIncident(opened: evaluatedWithWindow3, closed: evaluatedWithWindow3, openWindow: T.origin + 60,
                                 peak: 0, windows: 2, openAtEnd: false),
            ])
            #expect(T.incidents([5, nil, nil, nil, 0, 0, 0], T.once(.above, 4, windows: 3)) == [
                T.incident(opensAfter: 0, closesAfter: 4, peak: 5, windows: 1),
            ])
            // Gaps after the last data point are never filled.
            #expect(T.incidents([5, nil, nil, nil], T.all(.above, 4)) == [
                T.incident(opensAfter: 0, closesAfter: 3, peak: 5, windows: 1, openAtEnd: true),
            ])
            // Windows outside the records still exist inside the range.
            // A signal that never sent a data point is never filled: New Relic evaluates nothing
            // (loss of signal is how a condition catches it).
            let empty = WindowSeries(windowSeconds: 60, zeroWhenEmpty: true)
            #expect(T.replay(empty, T.all(.below, 1, windows: 3), range: T.range(windows: 4)).isEmpty)
        }

        @Test("an incident open at the end of the range closes at the range end")
        func openAtEnd() {
            let found = T.incidents([0, 5, 5, 5], T.all(.above, 4, windows: 2))
            #expect(found == [T.incident(opensAfter: 2, closesAfter: 3, peak: 5, windows: 3, openAtEnd: true)])
            #expect(found.first?.minutes == 1)
            // Opened by the last window: zero minutes long, still reported.
            let last = T.incidents([0, 5], T.all(.above, 4))
            #expect(last == [T.incident(opensAfter: 1, closesAfter: 1, peak: 5, windows: 1, openAtEnd: true)])
            #expect(last.first?.minutes == 0)
        }

        @Test("the range extends to whole windows; values outside it are ignored")
        func range() {
            let series = T.series([5, 5, 5, 5, 5], zeroWhenEmpty: true)
            // 60…150 s past the origin: windows 1 and 2, ending 180 s past the origin.
            let found = T.replay(series, T.all(.above, 4), range: (T.origin + 60)...(T.origin + 150))
            #expect(found == [T.incident(opensAfter: 1, closesAfter: 2, peak: 5, windows: 2, openAtEnd: true)])
        }

        @Test("five-minute windows: times are window ends, durations count windows")
        func longerWindows() {
            let found = T.incidents([0, 9, 9, 0], T.all(.aboveOrEquals, 9, windows: 2, window: 300), window: 300)
            #expect(found == [T.incident(opensAfter: 2, closesAfter: 3, peak: 9, windows: 2, openAtEnd: true, window: 300)])
            #expect(found.first?.minutes == 5)
        }

        @Test("window starts round down, before 1970 too")
        func windowStarts() {
            #expect(WindowSeries.windowStart(ofSecond: 119, windowSeconds: 60) == 60)
            #expect(WindowSeries.windowStart(ofSecond: 120, windowSeconds: 60) == 120)
            #expect(WindowSeries.windowStart(ofSecond: -1, windowSeconds: 60) == -60)
            #expect(WindowSeries.windowStart(ofSecond: -60, windowSeconds: 60) == -60)
            #expect(WindowSeries.windowStart(ofMilliseconds: 59_999, windowSeconds: 60) == 0)
            #expect(WindowSeries.windowStart(ofMilliseconds: -1, windowSeconds: 60) == -60)
        }
    }
}
