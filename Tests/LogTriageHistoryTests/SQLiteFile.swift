import GRDBSQLite

/// Raw SQL on a history file, through SQLite's C API rather than GRDB: the tests write files
/// as an older or newer logtriage would, and look at them without going through the code
/// under test. (GRDB itself is kept out of the test target: its SQL operator overloads make
/// unrelated array expressions too slow to type-check.)
enum SQLiteFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `script` (several statements) on the file at `path`, creating it if needed.
    static func execute(_ script: String, at path: String) throws {
        try withConnection(path) { db in
            var message: UnsafeMutablePointer<CChar>?
            guard sqlite3_exec(db, script, nil, nil, &message) == SQLITE_OK else {
                defer { sqlite3_free(message) }
                throw Failure(description: message.map { String(cString: $0) } ?? "sqlite3_exec failed")
            }
        }
    }

    /// The first column of every row `query` returns.
    static func strings(_ query: String, at path: String) throws -> Set<String> {
        try withConnection(path) { db in
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(db, query, -1, &statement, nil) == SQLITE_OK else {
                throw Failure(description: String(cString: sqlite3_errmsg(db)))
            }
            defer { sqlite3_finalize(statement) }
            var result: Set<String> = []
            while sqlite3_step(statement) == SQLITE_ROW {
                result.insert(String(cString: sqlite3_column_text(statement, 0)))
            }
            return result
        }
    }

    private static func withConnection<T>(_ path: String, _ body: (OpaquePointer?) throws -> T) throws -> T {
        var db: OpaquePointer?
        defer { sqlite3_close(db) }
        guard sqlite3_open(path, &db) == SQLITE_OK else {
            throw Failure(description: "cannot open \(path)")
        }
        return try body(db)
    }
}
