/// The words for a finding, as the rationale of `alerts.csv` and the report give it.
extension ReviewFinding: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .noisy(noise, incidents): "\(noise) of \(incidents) incidents were noise"
        case let .flapping(incidents): "\(incidents) incidents flapped (under 5 minutes)"
        case let .pagesCriticalForWarningTier(category):
            "it pages critical for \(category.rawValue), a warning-tier category"
        case let .misrouted(route, category, owner):
            "it routes to \(route), but \(category.rawValue) failures belong to \(owner)"
        case .unrouted: "it routes to nobody"
        case let .missesEpisodes(detected, episodes, masked):
            "it detects \(detected) of \(episodes) failure episodes in time"
                + (masked > 0 ? " (\(masked) masked by an incident already open)" : "")
        case let .redWithoutCause(minutes): "it is red \(ReviewWording.hours(minutes)) h without a failure of its own"
        }
    }
}
