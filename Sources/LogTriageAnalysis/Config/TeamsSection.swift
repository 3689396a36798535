import Yams

/// Reads the `teams:` section of `triage.yml` (service → owning team) pair by pair: decoded as a
/// dictionary, Yams looked each service up by walking the mapping again, and a map of 30,000
/// services took 45 s to load.
enum TeamsSection {
    static func teams(_ node: Node, path: String) throws(ConfigurationError) -> [(service: String, team: String)] {
        if node.null != nil { return [] }
        guard let mapping = node.mapping else {
            throw .invalidYAML(path: path, reason: "'teams' must be a mapping of service to team")
        }
        var teams: [(service: String, team: String)] = []
        teams.reserveCapacity(mapping.count)
        for (service, team) in mapping {
            guard let name = service.string else { throw .invalidYAML(path: path, reason: "'teams' has a key that is not a service name") }
            guard team.null == nil, let owner = team.string else {
                throw .invalidYAML(path: path, reason: "'teams.\(name)' must be the name of a team")
            }
            teams.append((name, owner))
        }
        return teams
    }
}
