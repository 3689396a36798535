/// A command-line input that was skipped, and why, so the run can go on and report it.
public struct InputProblem: Sendable, Equatable {
    /// The path as given or as found while walking a directory.
    public let path: String
    /// Plain lower-case English, e.g. "no such file or directory".
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
