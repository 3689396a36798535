internal import GRDB

/// Why the run history (`--history`) cannot be used; every case names the file, so the run
/// can stop with a message the user acts on (move the file aside, upgrade logtriage).
public enum HistoryError: Error, Equatable, CustomStringConvertible {
    /// The file cannot be opened as a SQLite database or brought to the current schema:
    /// not a SQLite file, a directory, no permission, a missing folder.
    case cannotOpen(path: String, reason: String)
    /// The file records migrations this build does not know: a newer logtriage wrote it,
    /// and writing to it with an older schema could lose what the newer one keeps.
    case newerSchema(path: String, unknownMigrations: [String])
    case cannotRead(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    /// The file holds a value this build cannot interpret (changed outside logtriage).
    case damaged(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            "cannot open history at \(path): \(reason)"
        case let .newerSchema(path, unknown):
            "history file \(path) was written by a newer logtriage "
                + "(schema has unknown migration\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")))"
        case let .cannotRead(path, reason):
            "cannot read history at \(path): \(reason)"
        case let .cannotWrite(path, reason):
            "cannot write history at \(path): \(reason)"
        case let .damaged(path, reason):
            "history file \(path) is damaged: \(reason)"
        }
    }

    /// SQLite's own words for `error` ("file is not a database"), without GRDB's prefix.
    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        return String(describing: error)
    }
}
