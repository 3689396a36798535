/// One input: a file path or standard input (`-` on the command line).
public enum InputSource: Sendable, Hashable {
    case file(String)
    case standardInput

    /// The path as given, or `-` for standard input; used in messages and reports.
    public var displayName: String {
        switch self {
        case let .file(path): path
        case .standardInput: "-"
        }
    }
}
