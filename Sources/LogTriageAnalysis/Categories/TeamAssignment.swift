/// Who a category's findings go to: a fixed team (`sre`) or the team that owns the service.
///
/// Written in YAML as a team name, or `owning-team` for the service's owner, which `teams:`
/// maps (service → team) and which is otherwise the service name itself.
public enum TeamAssignment: Sendable, Hashable, CustomStringConvertible {
    /// The team that owns the failing service.
    case owningTeam
    /// Always this team, whatever the service.
    case named(String)

    /// The YAML spelling of ``owningTeam``.
    public static let owningTeamKeyword = "owning-team"

    /// Reads the YAML spelling.
    public init(_ text: String) {
        self = text == Self.owningTeamKeyword ? .owningTeam : .named(text)
    }

    public var description: String {
        switch self {
        case .owningTeam: Self.owningTeamKeyword
        case let .named(team): team
        }
    }
}
