/// How a window's value is compared with a threshold; the raw values are New Relic's
/// (`operator` in Terraform, lower-cased `ABOVE`… in NerdGraph).
public enum ThresholdOperator: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Strictly greater than the threshold.
    case above
    case aboveOrEquals = "above_or_equals"
    /// Strictly less than the threshold.
    case below
    case belowOrEquals = "below_or_equals"
    /// Exactly equal: meant for counts and flags, where values are whole numbers.
    case equals
    case notEquals = "not_equals"

    /// Whether `value` breaches `threshold` under this operator.
    @inlinable
    public func breaches(_ value: Double, _ threshold: Double) -> Bool {
        switch self {
        case .above: value > threshold
        case .aboveOrEquals: value >= threshold
        case .below: value < threshold
        case .belowOrEquals: value <= threshold
        case .equals: value == threshold
        case .notEquals: value != threshold
        }
    }

    public var description: String { rawValue }
}
