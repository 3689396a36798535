/// Why a partial cannot be written or merged. Each names the file and the difference, so
/// the worker that made it can be found and rerun.
public enum PartialError: Error, Equatable, CustomStringConvertible {
    case unwritable(path: String, reason: String)
    case unreadable(path: String)
    case notAPartial(path: String)
    case damaged(path: String, reason: String)
    case otherFormat(path: String, format: Int)
    case otherVersion(path: String, version: String, expected: String)
    case otherConfiguration(path: String, other: String)
    case otherConditions(path: String, other: String)
    case otherLineLimit(path: String, maxLineBytes: Int, other: String, otherMaxLineBytes: Int)
    case overlapping(file: String, path: String, other: String)
    case unusableConfiguration(path: String, reason: String)
    case withoutAssignments(path: String)

    public var description: String {
        switch self {
        case let .unwritable(path, reason):
            "cannot write the partial \(path): \(reason)"
        case let .unreadable(path):
            "cannot read the partial \(path)"
        case let .notAPartial(path):
            "\(path) is not a LogTriage partial (write one with analyze --partial)"
        case let .damaged(path, reason):
            "the partial \(path) is damaged and cannot be merged: \(reason); make it again"
        case let .otherFormat(path, format):
            "the partial \(path) has format \(format), this LogTriage reads format \(PartialRun.currentFormat)"
        case let .otherVersion(path, version, expected):
            "the partial \(path) was made by LogTriage \(version), this is \(expected): make every partial with the same build"
        case let .otherConfiguration(path, other):
            "the partial \(path) was made with another configuration (--config) than \(other)"
        case let .otherConditions(path, other):
            "the partial \(path) was made with other alert conditions (--alerts) than \(other)"
        case let .otherLineLimit(path, limit, other, otherLimit):
            "the partial \(path) was made with a line limit of \(limit) bytes, \(other) with \(otherLimit)"
        case let .overlapping(file, path, other):
            "the partials \(other) and \(path) both cover \(file): a file may be in one partial only"
        case let .unusableConfiguration(path, reason):
            "the configuration in the partial \(path) cannot be used: \(reason)"
        case let .withoutAssignments(path):
            "the partial \(path) holds no assignment rows: make every partial with analyze --partial --keep-assignments to merge an assignments file"
        }
    }
}
