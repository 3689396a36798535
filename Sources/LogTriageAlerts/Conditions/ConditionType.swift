/// How a condition's threshold is read: a fixed value (STATIC), or standard deviations from
/// a learned baseline (BASELINE) or from the other facets (OUTLIER). Only STATIC has a
/// meaning a week of logs can replay.
public enum ConditionType: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case `static`
    case baseline
    case outlier

    public var description: String { rawValue }
}
