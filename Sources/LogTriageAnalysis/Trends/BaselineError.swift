/// Why a previous week's report folder cannot serve as the baseline; each case names the
/// file (and for `categories.csv` the row) a user has to look at.
public enum BaselineError: Error, Equatable, CustomStringConvertible {
    case missingFolder(path: String)
    case missingFile(path: String)
    /// The file exists but cannot be read as UTF-8 text.
    case unreadable(path: String, reason: String)
    case emptyFile(path: String)
    /// `found` lists the header's columns as written.
    case missingColumn(path: String, column: String, found: [String])
    /// `row` counts like a spreadsheet (the header is row 1); `line` is where the row starts
    /// in a text editor, which differs once a quoted field holds line breaks.
    case malformedRow(path: String, row: Int, line: Int, reason: String)
    /// `summary.json` is not JSON or lacks a value a baseline needs; `reason` names the key.
    case malformedSummary(path: String, reason: String)

    public var description: String {
        switch self {
        case let .missingFolder(path):
            "baseline folder \(path) does not exist (give the output folder of an earlier `logtriage analyze`)"
        case let .missingFile(path):
            "baseline file \(path) is missing (an `analyze` output folder has categories.csv and summary.json)"
        case let .unreadable(path, reason): "cannot read baseline file \(path): \(reason)"
        case let .emptyFile(path): "baseline file \(path) is empty"
        case let .missingColumn(path, column, found):
            "baseline file \(path) has no '\(column)' column (found: \(found.isEmpty ? "none" : found.joined(separator: ", ")))"
        case let .malformedRow(path, row, line, reason): "baseline file \(path), row \(row) (line \(line)): \(reason)"
        case let .malformedSummary(path, reason): "baseline file \(path): \(reason)"
        }
    }
}
