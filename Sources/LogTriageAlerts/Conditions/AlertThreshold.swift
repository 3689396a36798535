/// One term of a condition (critical or warning): when a window breaches, and for how long it
/// must before an incident opens.
public struct AlertThreshold: Sendable, Hashable, Codable {
    public var `operator`: ThresholdOperator
    public var value: Double
    /// How long the breach must last (`all`) or the span it may happen in (`at_least_once`);
    /// a positive multiple of the condition's window.
    public var durationSeconds: Int
    public var occurrences: ThresholdOccurrences

    public init(operator: ThresholdOperator, value: Double, durationSeconds: Int,
                occurrences: ThresholdOccurrences = .all) {
        self.operator = `operator`
        self.value = value
        self.durationSeconds = durationSeconds
        self.occurrences = occurrences
    }

    /// Whether a window with this value breaches the threshold.
    @inlinable
    public func breaches(_ windowValue: Double) -> Bool {
        `operator`.breaches(windowValue, value)
    }

    /// The duration counted in windows of `windowSeconds`, at least 1; rounded up when the
    /// duration is not a multiple (which the conditions file rejects).
    public func windows(of windowSeconds: Int) -> Int {
        guard windowSeconds > 0 else { return 1 }
        return max(1, (durationSeconds + windowSeconds - 1) / windowSeconds)
    }
}
