internal import GRDB

/// The weekly runs' figures in one SQLite file (`analyze --history FILE`), so a report can
/// compare with the previous week and show a trend without a baseline flag.
///
/// Opening a file brings it to this build's schema; a file written by a newer logtriage is
/// refused rather than written with an older schema. Every answer comes in a fixed order
/// (runs by start then id, clusters by id, conditions by name then kind), so reports built
/// from the history are byte-identical from run to run.
///
/// Safe to share between tasks: the `DatabaseQueue` serialises every access.
public final class RunHistory: Sendable {
    /// The file, as given; every ``HistoryError`` names it.
    public let path: String
    private let queue: DatabaseQueue

    /// Opens the history at `path`, creating the file if there is none and bringing an
    /// older one to the current schema.
    ///
    /// - Throws: ``HistoryError/newerSchema(path:unknownMigrations:)`` when a newer logtriage
    ///   wrote the file; ``HistoryError/cannotOpen(path:reason:)`` when it is not a SQLite
    ///   file or cannot be created or migrated.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        // Two weekly batches writing at once wait for each other instead of failing.
        configuration.busyMode = .timeout(10)
        let migrator = HistorySchema.migrator
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            let unknown = try queue.read { db in
                try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
            }
            guard unknown.isEmpty else {
                throw HistoryError.newerSchema(path: path, unknownMigrations: unknown)
            }
            try migrator.migrate(queue)
        } catch let error as HistoryError {
            throw error
        } catch {
            throw HistoryError.cannotOpen(path: path, reason: HistoryError.reason(error))
        }
    }

    /// Stores `run`, replacing the figures of an earlier run with the same ``HistoryRun/runID``
    /// (the same week analysed again), all in one transaction: a failed append leaves the
    /// history as it was.
    ///
    /// `run` must hold each cluster id, and each condition and kind, once.
    public func append(_ run: HistoryRun) throws {
        do {
            try queue.write { db in
                try Self.delete(runID: run.runID, db)
                try Self.insert(run, db)
            }
        } catch {
            throw HistoryError.cannotWrite(path: path, reason: HistoryError.reason(error))
        }
    }

    /// The stored run of the week before `run`, nil when there is none.
    ///
    /// A stored run counts as earlier when it has another id, starts before `run` starts
    /// and ends no later than the middle of `run`. Weekly exports are roughly consecutive:
    /// this tolerates overlaps and gaps of hours or days between them, while a second run
    /// over the same week (other input, other id) is never taken for the week before.
    /// Among earlier runs, the one that starts last wins (ties: the greatest id).
    public func previousRun(before run: HistoryRun) throws -> HistoryRun? {
        try read { db in
            guard let previous = try Self.previousHead(before: run, db) else { return nil }
            return try withDetails(previous, db)
        }
    }

    /// Up to `weeks` runs ending with `run`, oldest first: `run` itself, as given (it need
    /// not be appended yet), then the chain of ``previousRun(before:)``.
    ///
    /// Empty when `weeks` is less than 1.
    public func trend(endingWith run: HistoryRun, weeks: Int = 4) throws -> [HistoryRun] {
        guard weeks >= 1 else { return [] }
        return try read { db in
            var runs = [run]
            while runs.count < weeks, let previous = try Self.previousHead(before: runs[runs.count - 1], db) {
                runs.append(try withDetails(previous, db))
            }
            return runs.reversed()
        }
    }

    /// Runs `body` in one read transaction, so a trend never mixes two versions of the file.
    private func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let error as HistoryError {
            throw error
        } catch let error as DatabaseError {
            throw HistoryError.cannotRead(path: path, reason: HistoryError.reason(error))
        } catch {
            throw HistoryError.damaged(path: path, reason: HistoryError.reason(error))
        }
    }
}
