import Foundation
import Testing
@testable import LogTriageAlerts
@testable import LogTriageHistory

extension HistoryTests {
    @Suite struct RunHistoryStorageTests {
        @Test("a run comes back as appended, clusters by id and conditions by name then kind")
        func roundTrip() throws {
            try HistoryFixtures.withTemporaryDirectory { directory in
                let path = directory.appendingPathComponent("history.sqlite").path
                let run = HistoryFixtures.run(
                    week: 1, categories: ["timeout": 7, "validation": 3, "ünïcode ✓": 1],
                    clusters: [HistoryFixtures.cluster("C2", count: 5), HistoryFixtures.cluster("C1", count: 9)],
                    conditions: [
                        HistoryConditionFigures(condition: "payments", kind: .proposed, incidents: 2,
                                                noiseIncidents: 0, incidentMinutes: 12.5),
                        HistoryConditionFigures(condition: "payments", kind: .current, incidents: 9,
                                                noiseIncidents: 6, incidentMinutes: 40.25),
                        HistoryConditionFigures(condition: "checkout", kind: .current, incidents: 1,
                                                noiseIncidents: 1, incidentMinutes: 0.5),
                    ])
                try RunHistory(path: path).append(run)

                // A second connection reads what the first wrote.
                let stored = try #require(try RunHistory(path: path).previousRun(before: HistoryFixtures.run(week: 2)))
                var expected = run
                expected.clusters = [HistoryFixtures.cluster("C1", count: 9), HistoryFixtures.cluster("C2", count: 5)]
                expected.conditions = [run.conditions[2], run.conditions[1], run.conditions[0]]
                #expect(stored == expected)
            }
        }

        @Test("appending the same run id again replaces the week's figures")
        func reappendReplaces() throws {
            try HistoryFixtures.withTemporaryDirectory { directory in
                let history = try RunHistory(path: directory.appendingPathComponent("h.sqlite").path)
                let first = HistoryFixtures.run(week: 1, categories: ["timeout": 1, "gone": 4],
                                                clusters: [HistoryFixtures.cluster("C1", count: 1)])
                var again = HistoryFixtures.run(week: 1, categories: ["timeout": 2],
                                                clusters: [HistoryFixtures.cluster("C2", count: 2)])
                again.records = 5
                #expect(again.runID == first.runID)
                try history.append(first)
                try history.append(again)

                let next = HistoryFixtures.run(week: 2)
                #expect(try history.previousRun(before: next) == again)
                #expect(try history.trend(endingWith: next).map(\.runID) == [first.runID, next.runID])
            }
        }

        @Test("a failed append leaves the earlier figures as they were")
        func failedAppendRollsBack() throws {
            try HistoryFixtures.withTemporaryDirectory { directory in
                let path = directory.appendingPathComponent("h.sqlite").path
                let history = try RunHistory(path: path)
                let good = HistoryFixtures.run(week: 1, categories: ["timeout": 1],
                                               clusters: [HistoryFixtures.cluster("C1", count: 1)])
                try history.append(good)
                let duplicated = HistoryFixtures.run(
                    week: 1, categories: ["timeout": 9],
                    clusters: [HistoryFixtures.cluster("C1", count: 1), HistoryFixtures.cluster("C1", count: 2)])

                #expect {
                    try history.append(duplicated)
                } throws: { error in
                    guard case let .cannotWrite(errorPath, reason)? = error as? HistoryError else { return false }
                    return errorPath == path && reason.contains("UNIQUE")
                }
                #expect(try history.previousRun(before: HistoryFixtures.run(week: 2)) == good)
            }
        }

        @Test("run ids depend on the range and the input, nothing else")
        func runIDs() {
            let id = HistoryRun.makeID(rangeStart: 1, rangeEnd: 2, input: "a.json.gz\nb.json.gz")
            #expect(id == HistoryRun.makeID(rangeStart: 1, rangeEnd: 2, input: "a.json.gz\nb.json.gz"))
            #expect(id.hasPrefix("R") && id.count == 11)
            #expect(id != HistoryRun.makeID(rangeStart: 1, rangeEnd: 3, input: "a.json.gz\nb.json.gz"))
            #expect(id != HistoryRun.makeID(rangeStart: 0, rangeEnd: 2, input: "a.json.gz\nb.json.gz"))
            #expect(id != HistoryRun.makeID(rangeStart: 1, rangeEnd: 2, input: "a.json.gz"))
        }

        @Test("conditions keep the backtest figures they were made from")
        func conditionFromBacktest() {
            var figures = BacktestFigures()
            figures.incidents = 4
            figures.noiseIncidents = 3
            figures.incidentMinutes = 17.5
            figures.flappingIncidents = 2
            #expect(HistoryConditionFigures(condition: "c", kind: .current, figures: figures)
                == HistoryConditionFigures(condition: "c", kind: .current, incidents: 4, noiseIncidents: 3,
                                           incidentMinutes: 17.5))
        }
    }
}
