/// What the review does with a current condition, decided on its findings (``ReviewFinding``).
public enum ConditionDecision: Sendable, Hashable {
    /// Left as it is; `moveTo` names the team whose policy it moves to when it pages a team
    /// that does not own what it catches.
    case keep(moveTo: String?)
    /// Removed: mostly noise, or red without cause while the proposals detect every episode
    /// it should have caught, and none of its incidents on unclassified errors.
    case remove
    /// The same query and threshold in the warning tier, routed to the owning team: what it
    /// catches is not a page.
    case moveToWarningTier
    /// Replaced by this many proposals: one changes it, several split it.
    case replace(proposals: Int)

    /// The action written in `alerts.csv` and the report.
    public var action: ConditionReview.Action {
        switch self {
        case .keep: .keep
        case .remove: .remove
        case .moveToWarningTier: .change
        case let .replace(proposals): proposals == 1 ? .change : .split
        }
    }
}
