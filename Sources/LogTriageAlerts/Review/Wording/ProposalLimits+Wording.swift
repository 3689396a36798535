/// The words for a limit a proposal breaks, as the rationale of the condition it would have
/// replaced gives them.
extension ProposalLimits.Problem: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .window(seconds): "its window (\(seconds) s) is outside 30–21,600 s in 15 s steps"
        case let .slideBy(seconds, windowSeconds):
            "its slide_by (\(seconds) s) is not smaller than and a factor of its window (\(windowSeconds) s)"
        case .noTerm: "it has no term"
        case let .durationOutOfRange(priority, seconds):
            "its \(priority.rawValue) duration (\(seconds) s) is outside 60–86,400 s"
        case let .durationNotMultipleOfWindow(priority, seconds, windowSeconds):
            "its \(priority.rawValue) duration (\(seconds) s) is not a multiple of the window (\(windowSeconds) s)"
        case let .thresholdNotANumber(priority): "its \(priority.rawValue) threshold is not a number"
        case .timeLimit: "its time limit is outside 300–2,592,000 s"
        case .nameTooLong: "its name is longer than \(ProposalLimits.maximumNameLength) characters"
        }
    }
}
