/// Why a run has nothing to report: a weekly job whose export did not arrive must fail, not
/// write a report that reads like a quiet week.
public enum EmptyInputError: Error, Equatable, CustomStringConvertible {
    /// Input arguments that do not exist (a mistyped path, an export that was never written).
    case missingPaths([String])
    /// The arguments exist but hold no file to read (an empty folder, only hidden files).
    case noInputFiles(arguments: [String])
    /// Files were read but none held a record; `files` is how many were read.
    case noRecords(files: Int)

    public var description: String {
        switch self {
        case let .missingPaths(paths):
            "input not found: \(paths.joined(separator: ", ")) (nothing was written; check the export path)"
        case let .noInputFiles(arguments):
            "no input file in \(arguments.joined(separator: ", ")) (nothing was written; pass --allow-empty to report an empty week)"
        case let .noRecords(files):
            "no record in \(files) input file\(files == 1 ? "" : "s") (nothing was written; pass --allow-empty to report an empty week)"
        }
    }
}
