import Foundation
import Testing
@testable import LogTriageHistory

extension HistoryTests {
    @Suite struct RunHistoryMigrationTests {
        /// The schema and one run as the first history release wrote them, frozen here so a
        /// change to a shipped migration shows up as a failing upgrade.
        static let versionOneFile = """
            CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
            INSERT INTO grdb_migrations VALUES ('v1-runs');
            CREATE TABLE runs (
                run_id TEXT NOT NULL PRIMARY KEY, range_start INTEGER NOT NULL, range_end INTEGER NOT NULL,
                records INTEGER NOT NULL, error_records INTEGER NOT NULL) STRICT;
            CREATE INDEX runs_by_range_start ON runs (range_start, run_id);
            CREATE TABLE cluster_counts (
                run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE, cluster_id TEXT NOT NULL,
                category TEXT NOT NULL, service TEXT NOT NULL, template TEXT NOT NULL, count INTEGER NOT NULL,
                stale_count INTEGER NOT NULL, PRIMARY KEY (run_id, cluster_id)) STRICT;
            CREATE TABLE category_counts (
                run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE, category TEXT NOT NULL,
                count INTEGER NOT NULL, PRIMARY KEY (run_id, category)) STRICT;
            INSERT INTO runs VALUES ('Rold', 1767571200000, 1768175999999, 1000, 10);
            INSERT INTO cluster_counts VALUES ('Rold', 'C1', 'timeout', 'billing', 'call to <*> timed out', 8, 4);
            INSERT INTO category_counts VALUES ('Rold', 'timeout', 8);
            """

        static func tables(at path: String) throws -> (tables: Set<String>, migrations: Set<String>) {
            (try SQLiteFile.strings("SELECT name FROM sqlite_master WHERE type = 'table'", at: path),
             try SQLiteFile.strings("SELECT identifier FROM grdb_migrations", at: path))
        }

        @Test("a new file gets every migration")
        func newFile() throws {
            try HistoryFixtures.withTemporaryDirectory { directory in
                let path = directory.appendingPathComponent("new.sqlite").path
                _ = try RunHistory(path: path)
                let schema = try Self.tables(at: path)
                #expect(schema.migrations == ["v1-runs", "v2-condition-incidents"])
                #expect(schema.tables.isSuperset(of: ["runs", "cluster_counts", "category_counts",
                                                      "condition_incidents"]))
            }
        }

        @Test("a file with only the first migration is upgraded and its runs stay readable")
        func upgradeFromVersionOne() throws {
            try HistoryFixtures.withTemporaryDirectory { directory in
                let path = directory.appendingPathComponent("v1.sqlite").path
                try SQLiteFile.execute(Self.versionOneFile, at: path)
                #expect(try !Self.tables(at: path).tables.contains("condition_incidents"))

                let history = try RunHistory(path: path)
                let schema = try Self.tables(at: path)
                #expect(schema.migrations == ["v1-runs", "v2-condition-incidents"])
                #expect(schema.tables.contains("condition_incidents"))

                let old = HistoryRun(runID: "Rold", rangeStart: 1_767_571_200_000, rangeEnd: 1_768_175_999_999,
                                     records: 1_000, errorRecords: 10,
                                     clusters: [HistoryFixtures.cluster("C1", count: 8)], categories: ["timeout": 8])
                let next = HistoryFixtures.run(week: 2, categories: ["timeout": 2], conditions: [
                    HistoryConditionFigures(condition: "payments", kind: .current, incidents: 3, noiseIncidents: 1,
                                            incidentMinutes: 9),
                ])
                #expect(try history.previousRun(before: next) == old)
                try history.append(next)
                #expect(try history.trend(endingWith: HistoryFixtures.run(week: 3)).dropLast()
                    == [old, next])
            }
        }

        @Test("a file written by a newer logtriage is refused and left alone")
        func newerSchema() throws {
            try HistoryFixtures.withTemporaryDirectory { directory in
                let path = directory.appendingPathComponent("newer.sqlite").path
                try RunHistory(path: path).append(HistoryFixtures.run(week: 1))
                try SQLiteFile.execute("INSERT INTO grdb_migrations VALUES ('v9-future')", at: path)

                #expect(throws: HistoryError.newerSchema(path: path, unknownMigrations: ["v9-future"])) {
                    try RunHistory(path: path)
                }
                #expect(HistoryError.newerSchema(path: path, unknownMigrations: ["v9-future"]).description
                    == "history file \(path) was written by a newer logtriage (schema has unknown migration v9-future)")
                #expect(try Self.tables(at: path).migrations == ["v1-runs", "v2-condition-incidents", "v9-future"])
            }
        }

        @Test("a file that is not SQLite gives a clear error and is not touched")
        func garbageFile() throws {
            try HistoryFixtures.withTemporaryDirectory { directory in
                let url = directory.appendingPathComponent("notes.sqlite")
                let garbage = Data(String(repeating: "this is not a database\n", count: 200).utf8)
                try garbage.write(to: url)

                #expect {
                    try RunHistory(path: url.path)
                } throws: { error in
                    guard let error = error as? HistoryError, case let .cannotOpen(path, reason) = error else {
                        return false
                    }
                    return path == url.path && reason.contains("not a database")
                        && error.description.hasPrefix("cannot open history at \(url.path): ")
                }
                #expect(try Data(contentsOf: url) == garbage)
            }
        }

        @Test("a folder, or a file in a missing folder, cannot be opened")
        func unusablePaths() throws {
            try HistoryFixtures.withTemporaryDirectory { directory in
                for path in [directory.path, directory.appendingPathComponent("missing/h.sqlite").path] {
                    #expect {
                        try RunHistory(path: path)
                    } throws: { error in
                        guard case .cannotOpen(path, _)? = error as? HistoryError else { return false }
                        return true
                    }
                }
            }
        }
    }
}
