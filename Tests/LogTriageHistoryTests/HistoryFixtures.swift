import Foundation
@testable import LogTriageHistory

/// Runs one week apart and a scratch folder per test, shared by the history tests.
enum HistoryFixtures {
    /// 2026-01-05T00:00:00Z, a Monday.
    static let firstMonday: Int64 = 1_767_571_200_000
    static let weekMilliseconds: Int64 = 7 * 24 * 3_600_000

    /// The run of week `week` (1 is the first), with the given category counts.
    static func run(week: Int, input: String = "export", categories: [String: Int] = [:],
                    clusters: [HistoryClusterCount] = [], conditions: [HistoryConditionFigures] = [],
                    startOffset: Int64 = 0) -> HistoryRun {
        let start = firstMonday + Int64(week - 1) * weekMilliseconds + startOffset
        let end = firstMonday + Int64(week) * weekMilliseconds - 1
        return HistoryRun(
            runID: HistoryRun.makeID(rangeStart: start, rangeEnd: end, input: input),
            rangeStart: start, rangeEnd: end, records: 1_000 * week, errorRecords: 10 * week,
            clusters: clusters, categories: categories, conditions: conditions)
    }

    static func cluster(_ id: String, count: Int, category: String = "timeout") -> HistoryClusterCount {
        HistoryClusterCount(clusterID: id, category: category, service: "billing", template: "call to <*> timed out",
                            count: count, staleCount: count / 2)
    }

    /// Calls `body` with a new empty folder, removed afterwards.
    static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("logtriage-history-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }
}
