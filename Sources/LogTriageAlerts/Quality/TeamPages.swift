/// Each team's on-call load over the week, with today's conditions and with the proposals
/// applied: pages (critical incidents), all incidents, and the failure episodes its
/// conditions detect in time.
public struct TeamPages: Sendable, Equatable {
    public var team: String
    public var pagesBefore = 0.0
    public var pagesAfter = 0.0
    public var incidentsBefore = 0
    public var incidentsAfter = 0
    public var detectedBefore = 0
    public var detectedAfter = 0

    public init(team: String) { self.team = team }

    /// How conditions without a route are listed.
    public static let unrouted = "(no route)"

    /// The conditions in place after the review: the current ones kept, and every proposal.
    public static func after(_ review: AlertReview) -> [ConditionReview] {
        review.current.filter { $0.action == .keep && $0.refusal == nil } + review.proposed
    }

    /// The team a row pages: after the review a kept condition that moves pages its new team.
    public static func team(of row: ConditionReview, after: Bool) -> String {
        (after ? row.moveTo ?? row.route : row.route) ?? unrouted
    }

    /// Per team, sorted by team name: today's enabled, backtested conditions against those in
    /// place after the review. Pages are per week: today every critical incident is counted
    /// as a page; after the review, the incidents of the tiers `routing:` sends to a paging
    /// destination.
    public static func load(of review: AlertReview) -> [TeamPages] {
        var teams: [String: TeamPages] = [:]
        var detected: [String: (before: Set<FailureEpisode>, after: Set<FailureEpisode>)] = [:]
        func add(_ row: ConditionReview, after: Bool) {
            let team = team(of: row, after: after)
            var entry = teams[team] ?? TeamPages(team: team)
            let found = Set(row.quality.outcomes.filter { $0.verdict == .detected }.map(\.episode))
            if after {
                let paged = row.incidents.filter { review.routing.pages($0.tier) && !$0.incident.lossOfSignal }.count
                entry.pagesAfter += row.enabled ? Double(paged) / max(row.quality.weeks, 1.0 / 168) : 0
                entry.incidentsAfter += row.figures.incidents
                detected[team, default: ([], [])].after.formUnion(found)
            } else {
                entry.pagesBefore += row.quality.pagesPerWeek
                entry.incidentsBefore += row.figures.incidents
                detected[team, default: ([], [])].before.formUnion(found)
            }
            teams[team] = entry
        }
        for row in review.current where row.enabled && row.refusal == nil { add(row, after: false) }
        for row in after(review) { add(row, after: true) }
        return teams.keys.sorted().map { team in
            var entry = teams[team]!
            entry.detectedBefore = detected[team]?.before.count ?? 0
            entry.detectedAfter = detected[team]?.after.count ?? 0
            return entry
        }
    }
}
