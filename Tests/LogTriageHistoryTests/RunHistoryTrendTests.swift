import Foundation
import Testing
@testable import LogTriageHistory

extension HistoryTests {
    @Suite struct RunHistoryTrendTests {
        @Test("the previous run is the latest earlier week, whatever order weeks were appended in")
        func previousRunAmongSeveral() throws {
            try HistoryFixtures.withTemporaryDirectory { directory in
                let history = try RunHistory(path: directory.appendingPathComponent("h.sqlite").path)
                let weeks = (1...5).map { HistoryFixtures.run(week: $0, categories: ["timeout": $0]) }
                for index in [2, 0, 4, 1, 3] { try history.append(weeks[index]) }

                #expect(try history.previousRun(before: weeks[0]) == nil)
                for index in 1..<5 {
                    #expect(try history.previousRun(before: weeks[index]) == weeks[index - 1])
                }
                // A week not appended yet compares with the last stored one.
                #expect(try history.previousRun(before: HistoryFixtures.run(week: 6)) == weeks[4])
                // A week missing from the history: the one before the gap.
                #expect(try history.previousRun(before: HistoryFixtures.run(week: 8)) == weeks[4])
            }
        }

        @Test("overlapping exports still count as the week before; the same week read again does not")
        func overlapAndSameWeek() throws {
            try HistoryFixtures.withTemporaryDirectory { directory in
                let history = try RunHistory(path: directory.appendingPathComponent("h.sqlite").path)
                let first = HistoryFixtures.run(week: 1)
                let second = HistoryFixtures.run(week: 2)
                // Week 2 exported again with another file set, from three hours earlier: it
                // overlaps week 1's end and has another id.
                let overlapping = HistoryFixtures.run(week: 2, input: "export+late-file", startOffset: -3 * 3_600_000)
                for run in [first, second, overlapping] { try history.append(run) }

                #expect(try history.previousRun(before: overlapping) == first)
                #expect(try history.previousRun(before: second) == first)
                let third = HistoryFixtures.run(week: 3)
                // Both week-2 runs are earlier; the one that starts last wins.
                #expect(try history.previousRun(before: third) == second)
            }
        }

        @Test("an empty history has no previous run and a trend of the run alone")
        func emptyHistory() throws {
            try HistoryFixtures.withTemporaryDirectory { directory in
                let history = try RunHistory(path: directory.appendingPathComponent("h.sqlite").path)
                let run = HistoryFixtures.run(week: 1)
                #expect(try history.previousRun(before: run) == nil)
                #expect(try history.trend(endingWith: run) == [run])
                #expect(try history.trend(endingWith: run, weeks: 0).isEmpty)
            }
        }

        @Test("a trend has at most four runs, oldest first, with counts aligned and 0 where absent")
        func fourWeekTrend() throws {
            try HistoryFixtures.withTemporaryDirectory { directory in
                let history = try RunHistory(path: directory.appendingPathComponent("h.sqlite").path)
                let weeks = [
                    HistoryFixtures.run(week: 1, categories: ["timeout": 50]),
                    HistoryFixtures.run(week: 2, categories: ["timeout": 40]),
                    HistoryFixtures.run(week: 3, categories: ["timeout": 1],
                                        clusters: [HistoryFixtures.cluster("C1", count: 1)]),
                    HistoryFixtures.run(week: 4, categories: ["validation": 2],
                                        clusters: [HistoryFixtures.cluster("C2", count: 2)]),
                    HistoryFixtures.run(week: 5, categories: ["timeout": 3, "validation": 1],
                                        clusters: [HistoryFixtures.cluster("C1", count: 3),
                                                   HistoryFixtures.cluster("C2", count: 1)]),
                    HistoryFixtures.run(week: 6),
                ]
                for run in weeks.reversed() { try history.append(run) }

                let trend = try history.trend(endingWith: weeks[5])
                #expect(trend == Array(weeks[2...5]))
                #expect(RunHistory.categoryTrend(of: trend) == ["timeout": [1, 0, 3, 0], "validation": [0, 2, 1, 0]])
                #expect(RunHistory.clusterTrend(of: trend) == ["C1": [1, 0, 3, 0], "C2": [0, 2, 1, 0]])

                #expect(try history.trend(endingWith: weeks[1]) == Array(weeks[0...1]))
                #expect(try history.trend(endingWith: weeks[5], weeks: 2) == Array(weeks[4...5]))
                #expect(try history.trend(endingWith: weeks[5], weeks: 10) == weeks)
                #expect(RunHistory.categoryTrend(of: []).isEmpty)
            }
        }
    }
}
