/// How a cluster moved against the previous week; the raw values are an output contract
/// (report columns, JSON), so they never change spelling.
public enum ClusterChange: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Not seen last week (absent or zero), seen now.
    case new
    /// Sharply more frequent than last week's rate.
    case rising
    /// Sharply less frequent than last week's rate.
    case falling
    /// Within the bounds of ordinary noise.
    case steady
    /// Seen last week, not now.
    case gone

    public var description: String { rawValue }

    /// Position in a report: what needs attention first.
    var reportOrder: Int {
        switch self {
        case .new: 0
        case .rising: 1
        case .falling: 2
        case .gone: 3
        case .steady: 4
        }
    }
}
