/// How urgently a category needs a human: `critical` pages, `warning` waits for working hours.
public enum Tier: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case critical
    case warning

    public var description: String { rawValue }
}
