/// A stage was handed a context it cannot work with: a mistake in how a run wires its
/// stages, reported as an error rather than a crash.
package enum StageWiringError: Error, CustomStringConvertible {
    /// A stage that reads the record was handed its context without the record.
    case viewMissing(stage: String)

    package var description: String {
        switch self {
        case let .viewMissing(stage): "internal error: the \(stage) stage ran without the record it reads"
        }
    }
}
