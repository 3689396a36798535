internal import GRDB

/// The SQL behind ``RunHistory``: one statement per table, rows mapped to values by hand so
/// the schema stays readable in ``HistorySchema``.
extension RunHistory {
    static func delete(runID: String, _ db: Database) throws {
        // Children first: the file may come from a connection without foreign keys enabled.
        for table in ["cluster_counts", "category_counts", "condition_incidents", "runs"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE run_id = ?", arguments: [runID])
        }
    }

    static func insert(_ run: HistoryRun, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO runs (run_id, range_start, range_end, records, error_records) VALUES (?, ?, ?, ?, ?)",
            arguments: [run.runID, run.rangeStart, run.rangeEnd, run.records, run.errorRecords])
        let cluster = try db.makeStatement(sql: """
            INSERT INTO cluster_counts (run_id, cluster_id, category, service, template, count, stale_count)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for count in run.clusters {
            try cluster.execute(arguments: [run.runID, count.clusterID, count.category, count.service,
                                            count.template, count.count, count.staleCount])
        }
        let category = try db.makeStatement(
            sql: "INSERT INTO category_counts (run_id, category, count) VALUES (?, ?, ?)")
        for (name, count) in run.categories {
            try category.execute(arguments: [run.runID, name, count])
        }
        let condition = try db.makeStatement(sql: """
            INSERT INTO condition_incidents (run_id, condition, kind, incidents, noise_incidents, incident_minutes)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        for figures in run.conditions {
            try condition.execute(arguments: [run.runID, figures.condition, figures.kind.rawValue, figures.incidents,
                                              figures.noiseIncidents, figures.incidentMinutes])
        }
    }

    /// The run ``previousRun(before:)`` picks, without its clusters, categories and conditions.
    static func previousHead(before run: HistoryRun, _ db: Database) throws -> HistoryRun? {
        let middle = run.rangeStart + (run.rangeEnd - run.rangeStart) / 2
        let row = try Row.fetchOne(db, sql: """
            SELECT run_id, range_start, range_end, records, error_records FROM runs
            WHERE range_start < ? AND range_end <= ? AND run_id <> ?
            ORDER BY range_start DESC, run_id DESC LIMIT 1
            """, arguments: [run.rangeStart, middle, run.runID])
        guard let row else { return nil }
        return HistoryRun(
            runID: try row.decode(forColumn: "run_id"), rangeStart: try row.decode(forColumn: "range_start"),
            rangeEnd: try row.decode(forColumn: "range_end"), records: try row.decode(forColumn: "records"),
            errorRecords: try row.decode(forColumn: "error_records"))
    }

    /// `head` with its clusters (by id), categories and conditions (by name, then kind).
    func withDetails(_ head: HistoryRun, _ db: Database) throws -> HistoryRun {
        var run = head
        let arguments: StatementArguments = [head.runID]
        run.clusters = try Row.fetchAll(db, sql: """
            SELECT cluster_id, category, service, template, count, stale_count FROM cluster_counts
            WHERE run_id = ? ORDER BY cluster_id
            """, arguments: arguments).map { row in
            HistoryClusterCount(
                clusterID: try row.decode(forColumn: "cluster_id"), category: try row.decode(forColumn: "category"),
                service: try row.decode(forColumn: "service"), template: try row.decode(forColumn: "template"),
                count: try row.decode(forColumn: "count"), staleCount: try row.decode(forColumn: "stale_count"))
        }
        for row in try Row.fetchAll(db, sql: "SELECT category, count FROM category_counts WHERE run_id = ?",
                                    arguments: arguments) {
            run.categories[try row.decode(forColumn: "category")] = try row.decode(Int.self, forColumn: "count")
        }
        run.conditions = try Row.fetchAll(db, sql: """
            SELECT condition, kind, incidents, noise_incidents, incident_minutes FROM condition_incidents
            WHERE run_id = ? ORDER BY condition, kind
            """, arguments: arguments).map { row in
            let kindName = try row.decode(String.self, forColumn: "kind")
            guard let kind = HistoryConditionFigures.Kind(rawValue: kindName) else {
                throw HistoryError.damaged(path: path, reason: "condition kind '\(kindName)' is neither current nor proposed")
            }
            return HistoryConditionFigures(
                condition: try row.decode(forColumn: "condition"), kind: kind,
                incidents: try row.decode(forColumn: "incidents"),
                noiseIncidents: try row.decode(forColumn: "noise_incidents"),
                incidentMinutes: try row.decode(forColumn: "incident_minutes"))
        }
        return run
    }
}
