/// Who is told about what (`routing:` in triage.yml): each team's destinations by kind, and
/// the kinds of destination each tier uses. One New Relic policy per team holds its
/// conditions; one workflow per team and tier sends that tier's issues to those destinations.
public struct AlertRouting: Sendable, Hashable {
    /// What a destination is for.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
        /// Wakes someone up: a paging service.
        case paging
        /// A team's channel: read in working hours.
        case chat
        case email

        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// The service behind a destination, as New Relic names its destination types.
    public enum Service: String, Sendable, Hashable, CaseIterable {
        case pagerduty, opsgenie, slack, teams, email, webhook

        /// How reports name it.
        public var displayName: String {
            switch self {
            case .pagerduty: "PagerDuty"
            case .opsgenie: "Opsgenie"
            case .slack: "Slack"
            case .teams: "Microsoft Teams"
            case .email: "e-mail"
            case .webhook: "webhook"
            }
        }
    }

    /// The kinds of destination each tier notifies; a tier without paging pages nobody.
    public var tiers: [Tier: [Kind]] = [.critical: [.paging], .warning: [.chat]]
    /// The service of each kind for teams that do not name their own.
    public var services: [Kind: Service] = [.paging: .pagerduty, .chat: .slack, .email: .email]
    /// Per team, the service of each kind it uses instead.
    public var teams: [String: [Kind: Service]] = [:]

    public init() {}

    /// The kinds a tier notifies, in `Kind` order.
    public func kinds(for tier: Tier) -> [Kind] { (tiers[tier] ?? []).sorted() }

    /// Whether a tier's incidents page someone.
    public func pages(_ tier: Tier) -> Bool { kinds(for: tier).contains(.paging) }

    /// The service a team uses for a kind.
    public func service(_ kind: Kind, team: String) -> Service {
        teams[team]?[kind] ?? services[kind] ?? (kind == .paging ? .pagerduty : kind == .chat ? .slack : .email)
    }

    /// A team's destinations for a tier, in words: `PagerDuty`, `Slack`, `PagerDuty and Slack`;
    /// `nobody` for a tier routed nowhere.
    public func destination(team: String, tier: Tier) -> String {
        let names = kinds(for: tier).map { service($0, team: team).displayName }
        return names.isEmpty ? "nobody" : names.joined(separator: " and ")
    }
}
