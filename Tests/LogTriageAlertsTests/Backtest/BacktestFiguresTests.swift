import Testing
@testable import LogTriageModel
@testable import LogTriageAlerts

extension Backtest {
    @Suite struct BacktestFiguresTests {
        typealias T = Timeline

        static func lasting(_ minutes: Double, openAtEnd: Bool = false) -> BacktestIncident {
            BacktestIncident(opened: 0, closed: Int64(minutes * 60_000), openWindow: 0, peak: 1, windows: 1,
                             openAtEnd: openAtEnd)
        }

        @Test("flapping counts incidents closed in under 5 minutes, never one still open at the end")
        func flapping() {
            let incidents = [Self.lasting(1), Self.lasting(4.5), Self.lasting(5), Self.lasting(12),
                             Self.lasting(2, openAtEnd: true)]
            let figures = BacktestFigures(incidents: incidents) { $0.minutes == 12 }
            var expected = BacktestFigures()
            expected.incidents = 5
            expected.noiseIncidents = 1
            expected.incidentMinutes = 24.5
            expected.flappingIncidents = 2
            #expect(figures == expected)
            #expect(figures.noiseRatio == 0.2)
            #expect(figures.flappingRatio == 0.4)
            #expect(BacktestFigures().noiseRatio == nil)
        }

        @Test("flapping from a timeline: a one-window blip flaps, a five-minute incident does not")
        func flappingTimeline() {
            let found = T.incidents([5, 0, 5, 5, 5, 5, 5, 0], T.all(.above, 4))
            #expect(found.map(\.minutes) == [1, 5])
            let figures = BacktestFigures(incidents: found) { _ in false }
            #expect(figures.flappingIncidents == 1)
            #expect(figures.incidentMinutes == 6)
        }

        @Test("figures of facets or files merge by adding")
        func merge() {
            var left = BacktestFigures(incidents: [Self.lasting(1)]) { _ in true }
            left.merge(BacktestFigures(incidents: [Self.lasting(10), Self.lasting(3)]) { _ in false })
            #expect(left.incidents == 3)
            #expect(left.noiseIncidents == 1)
            #expect(left.incidentMinutes == 14)
            #expect(left.flappingIncidents == 2)
        }

        static let noiseCases: [(errors: Int, stale: Int, byCategory: [String: Int], nonActionable: Set<String>?,
                                 noise: Bool)] = [
            (0, 0, [:], nil, true),  // no error at all in the opening window
            (10, 6, ["transient": 4], nil, true),  // most are stale failures
            (10, 5, ["transient": 5], nil, false),  // exactly half is not more than half
            (10, 3, ["other": 3, "transient": 4], nil, false),  // unclassified errors never count as noise
            (10, 6, ["other": 3, "transient": 1], nil, true),  // the stale failures alone are most
            (10, 0, ["other": 5, "transient": 5], nil, false),
            (10, 0, ["other": 6, "transient": 4], nil, false),  // mostly unclassified: unknown, not noise
            (4, 0, ["validation": 3, "other": 1], nil, false),  // only `other` is non-actionable by default
            (4, 0, ["validation": 3, "other": 1], ["validation"], true),
            (4, 4, ["validation": 4], ["validation"], true),  // overlap left in by the caller is capped at errors
            (3, 1, ["endpoint_auth": 2], nil, false),
        ]

        @Test("noise: no error, or more than half stale failures or non-actionable categories the rules decided",
              arguments: noiseCases.indices)
        func noise(index: Int) {
            let row = Self.noiseCases[index]
            let verdict = row.nonActionable.map {
                Backtester.isNoise(errors: row.errors, stale: row.stale, byCategory: row.byCategory, nonActionable: $0)
            } ?? Backtester.isNoise(errors: row.errors, stale: row.stale, byCategory: row.byCategory)
            #expect(verdict == row.noise)
        }

        @Test("unknown: more than half of the window's errors are unclassified, and never noise then",
              arguments: [(10, ["other": 6, "transient": 4], true), (10, ["other": 5, "transient": 5], false),
                          (0, [:], false), (3, ["other": 5], true), (2, ["validation": 2], false)])
        func unknown(errors: Int, byCategory: [String: Int], unknown: Bool) {
            #expect(Backtester.isUnknown(errors: errors, byCategory: byCategory) == unknown)
            if unknown {
                #expect(!Backtester.isNoise(errors: errors, stale: 0, byCategory: byCategory, nonActionable: ["other", "validation"]))
            }
            var judgement = WindowJudgement()
            for (name, count) in byCategory { judgement.byCategory[Category(rawValue: name)!] = count }
            if judgement.records == errors { #expect(judgement.isUnknown == unknown) }
        }

        @Test("the default non-actionable set is only `other`")
        func defaultNonActionable() {
            #expect(Backtester.defaultNonActionable == [Category.other.rawValue])
        }
    }
}
