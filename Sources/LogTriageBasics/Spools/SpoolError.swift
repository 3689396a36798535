/// Why a spool (a temporary file of fixed-size rows) could not be written or read back; each
/// case names the directory or file to look at.
public enum SpoolError: Error, Equatable, CustomStringConvertible {
    /// The spool directory could not be created in the temporary directory given.
    case cannotCreateSpool(directory: String, reason: String)
    /// Writing or reading a spool file failed (disk full, file removed underneath us).
    case spoolFailed(path: String, reason: String)
    /// A spool file ended inside a row; something else wrote to or truncated it.
    case spoolDamaged(path: String)

    public var description: String {
        switch self {
        case let .cannotCreateSpool(directory, reason): "cannot create a spool directory in \(directory): \(reason)"
        case let .spoolFailed(path, reason): "spool file \(path): \(reason)"
        case let .spoolDamaged(path): "spool file \(path) ends inside a row"
        }
    }
}
