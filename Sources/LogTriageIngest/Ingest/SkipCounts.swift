/// Counts of skipped lines by kind.
public struct SkipCounts: Sendable, Equatable, Codable {
    private var counts = [Int](repeating: 0, count: SkipKind.allCases.count)

    public init() {}

    public subscript(kind: SkipKind) -> Int {
        get { counts[Self.index(kind)] }
        set { counts[Self.index(kind)] = newValue }
    }

    /// All skipped lines.
    public var total: Int { counts.reduce(0, +) }

    public mutating func merge(_ other: SkipCounts) {
        for index in counts.indices { counts[index] += other.counts[index] }
    }

    private static func index(_ kind: SkipKind) -> Int {
        switch kind {
        case .invalidJson: 0
        case .notJson: 1
        case .blank: 2
        case .oversized: 3
        }
    }
}
