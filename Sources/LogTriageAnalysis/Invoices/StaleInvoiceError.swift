import LogTriageBasics

/// Why stale-invoice detection could not finish; each case names the file or step to look at.
public enum StaleInvoiceError: Error, Equatable, CustomStringConvertible {
    /// A spool of observations, loops or verdicts could not be written or read back.
    case spool(SpoolError)
    /// `observe` or `finish` after `finish`: the spool is gone.
    case alreadyFinished
    /// `maxRowsInMemory` or `loopGapMilliseconds` below 1.
    case invalidLimit(name: String, value: Int64)

    public var description: String {
        switch self {
        case let .spool(error): error.description
        case .alreadyFinished: "stale-invoice detection has already finished"
        case let .invalidLimit(name, value): "'\(name)' must be positive, not \(value)"
        }
    }
}
