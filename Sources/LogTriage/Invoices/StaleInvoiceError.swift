/// Why stale-invoice detection could not finish; each case names the file or step to look at.
public enum StaleInvoiceError: Error, Equatable, CustomStringConvertible {
    /// The spool directory could not be created in the temporary directory given.
    case cannotCreateSpool(directory: String, reason: String)
    /// Writing or reading a spool file failed (disk full, file removed underneath us).
    case spoolFailed(path: String, reason: String)
    /// A spool file ended inside a row; something else wrote to or truncated it.
    case spoolDamaged(path: String)
    /// `observe` or `finish` after `finish`: the spool is gone.
    case alreadyFinished
    /// `maxRowsInMemory` or `loopGapMilliseconds` below 1.
    case invalidLimit(name: String, value: Int64)

    public var description: String {
        switch self {
        case let .cannotCreateSpool(directory, reason): "cannot create a spool directory in \(directory): \(reason)"
        case let .spoolFailed(path, reason): "spool file \(path): \(reason)"
        case let .spoolDamaged(path): "spool file \(path) ends inside a row"
        case .alreadyFinished: "stale-invoice detection has already finished"
        case let .invalidLimit(name, value): "'\(name)' must be positive, not \(value)"
        }
    }
}
