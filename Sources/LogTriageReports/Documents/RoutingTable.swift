import LogTriageBasics
import LogTriageModel
import LogTriageAlerts

/// `routing.csv`: each team's on-call load per tier, with today's conditions and with the
/// proposals: where the tier goes (`routing:`), the incidents and noise incidents it receives
/// now and after, and the recent actionable failures of its categories this week (chronic ones
/// left out): what it can act on.
public enum RoutingTable {
    public static let header = ["team", "tier", "destination", "current_incidents", "current_noise", "proposed_incidents",
                                "proposed_noise", "actionable_failures"]

    public struct Row: Sendable, Equatable {
        public var team: String
        public var tier: Tier
        public var destination: String
        public var currentIncidents = 0
        public var currentNoise = 0
        public var proposedIncidents = 0
        public var proposedNoise = 0
        public var actionableFailures = 0
    }

    /// One row per team and tier, sorted by team then tier (critical first).
    public static func rows(for review: AlertReview) -> [Row] {
        var rows: [String: [Tier: Row]] = [:]
        func row(_ team: String, _ tier: Tier) -> Row {
            rows[team]?[tier] ?? Row(team: team, tier: tier, destination: team == TeamPages.unrouted ? "nobody"
                                        : review.routing.destination(team: team, tier: tier))
        }
        func add(_ review: ConditionReview, after: Bool) {
            let team = TeamPages.team(of: review, after: after)
            for incident in review.incidents {
                var entry = row(team, incident.tier)
                if after {
                    entry.proposedIncidents += 1
                    if incident.noise { entry.proposedNoise += 1 }
                } else {
                    entry.currentIncidents += 1
                    if incident.noise { entry.currentNoise += 1 }
                }
                rows[team, default: [:]][incident.tier] = entry
            }
        }
        for current in review.current where current.enabled && current.refusal == nil { add(current, after: false) }
        for kept in TeamPages.after(review) where kept.enabled { add(kept, after: true) }
        for (team, tiers) in review.actionableFailures {
            for (tier, count) in tiers {
                var entry = row(team, tier)
                entry.actionableFailures += count
                rows[team, default: [:]][tier] = entry
            }
        }
        // Every team gets both tiers, so a tier that goes quiet still shows.
        for team in rows.keys { for tier in Tier.allCases where rows[team]?[tier] == nil { rows[team]![tier] = row(team, tier) } }
        return rows.keys.sorted().flatMap { team in Tier.allCases.compactMap { rows[team]?[$0] } }
    }

    public static func table(for review: AlertReview) -> CSVTable {
        var table = CSVTable(header: header)
        for row in rows(for: review) {
            table.append([row.team, row.tier.rawValue, row.destination, String(row.currentIncidents), String(row.currentNoise),
                          String(row.proposedIncidents), String(row.proposedNoise), String(row.actionableFailures)])
        }
        return table
    }
}
