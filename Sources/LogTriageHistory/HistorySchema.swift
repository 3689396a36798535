internal import GRDB

/// The run history's tables, as named migrations in the order they were introduced.
///
/// A shipped migration is never edited: files written by an older logtriage hold its
/// schema, and the later migrations bring them up to date when they are opened. A new
/// figure gets a new migration at the end of the list.
enum HistorySchema {
    /// Runs with their cluster and category counts.
    static let runs = "v1-runs"
    /// Alert conditions' backtest figures per run.
    static let conditionIncidents = "v2-condition-incidents"

    /// Every migration this build knows, oldest first.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(runs) { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    run_id TEXT NOT NULL PRIMARY KEY,
                    range_start INTEGER NOT NULL,
                    range_end INTEGER NOT NULL,
                    records INTEGER NOT NULL,
                    error_records INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX runs_by_range_start ON runs (range_start, run_id);
                CREATE TABLE cluster_counts (
                    run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
                    cluster_id TEXT NOT NULL,
                    category TEXT NOT NULL,
                    service TEXT NOT NULL,
                    template TEXT NOT NULL,
                    count INTEGER NOT NULL,
                    stale_count INTEGER NOT NULL,
                    PRIMARY KEY (run_id, cluster_id)
                ) STRICT;
                CREATE TABLE category_counts (
                    run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
                    category TEXT NOT NULL,
                    count INTEGER NOT NULL,
                    PRIMARY KEY (run_id, category)
                ) STRICT;
                """)
        }
        migrator.registerMigration(conditionIncidents) { db in
            try db.execute(sql: """
                CREATE TABLE condition_incidents (
                    run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
                    condition TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('current', 'proposed')),
                    incidents INTEGER NOT NULL,
                    noise_incidents INTEGER NOT NULL,
                    incident_minutes REAL NOT NULL,
                    PRIMARY KEY (run_id, condition, kind)
                ) STRICT;
                """)
        }
        return migrator
    }
}
