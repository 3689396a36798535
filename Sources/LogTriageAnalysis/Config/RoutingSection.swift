import Yams
import LogTriageModel

/// Reads the `routing:` section of `defaults.yml` and `triage.yml`: the kinds of destination
/// each tier uses (`tiers`), the service of each kind (`services`) and each team's own
/// services (`teams`). Keys left out keep their value; every mistake names the key.
enum RoutingSection {
    static let keys = ["tiers", "services", "teams"]

    static func apply(_ node: Node, path: String, to routing: inout AlertRouting) throws(ConfigurationError) {
        if node.null != nil { return }
        guard let mapping = node.mapping else {
            throw .invalidYAML(path: path, reason: "'routing' must be a mapping of \(keys.joined(separator: ", "))")
        }
        for entry in mapping.keys where !keys.contains(entry.string ?? "") {
            throw .unknownKey(path: path, key: "routing.\(entry.string ?? "\(entry)")", known: keys)
        }
        if let tiers = mapping["tiers"] {
            for (key, value) in try entries(tiers, "routing.tiers", path: path) {
                guard let tier = Tier(rawValue: key) else {
                    throw .unknownKey(path: path, key: "routing.tiers.\(key)", known: Tier.allCases.map(\.rawValue))
                }
                let names = value.sequence.map { $0.compactMap(\.string) } ?? value.string.map { [$0] }
                guard let names, names.count == (value.sequence?.count ?? 1) else {
                    throw .invalidYAML(path: path, reason: "'routing.tiers.\(key)' must be a list of \(kindNames)")
                }
                var kinds: [AlertRouting.Kind] = []
                for name in names {
                    guard let kind = AlertRouting.Kind(rawValue: name) else {
                        throw .invalidYAML(path: path, reason: "'routing.tiers.\(key)' names '\(name)': the kinds are \(kindNames)")
                    }
                    if !kinds.contains(kind) { kinds.append(kind) }
                }
                routing.tiers[tier] = kinds
            }
        }
        if let services = mapping["services"] {
            for (kind, service) in try kindServices(services, "routing.services", path: path) { routing.services[kind] = service }
        }
        if let teams = mapping["teams"] {
            for (team, node) in try entries(teams, "routing.teams", path: path) {
                routing.teams[team, default: [:]].merge(try kindServices(node, "routing.teams.\(team)", path: path)) { $1 }
            }
        }
    }

    static var kindNames: String { AlertRouting.Kind.allCases.map(\.rawValue).joined(separator: ", ") }
    static var serviceNames: String { AlertRouting.Service.allCases.map(\.rawValue).joined(separator: ", ") }

    private static func entries(_ node: Node, _ key: String, path: String) throws(ConfigurationError) -> [(String, Node)] {
        guard let mapping = node.mapping else { throw .invalidYAML(path: path, reason: "'\(key)' must be a mapping") }
        var result: [(String, Node)] = []
        for (name, value) in mapping {
            guard let text = name.string, !text.isEmpty else { throw .invalidYAML(path: path, reason: "'\(key)' has a key that is not a name") }
            result.append((text, value))
        }
        return result
    }

    private static func kindServices(_ node: Node, _ key: String, path: String) throws(ConfigurationError) -> [AlertRouting.Kind: AlertRouting.Service] {
        var result: [AlertRouting.Kind: AlertRouting.Service] = [:]
        for (name, value) in try entries(node, key, path: path) {
            guard let kind = AlertRouting.Kind(rawValue: name) else {
                throw .unknownKey(path: path, key: "\(key).\(name)", known: AlertRouting.Kind.allCases.map(\.rawValue))
            }
            guard let service = value.string.flatMap(AlertRouting.Service.init(rawValue:)) else {
                throw .invalidYAML(path: path, reason: "'\(key).\(name)' must be one of \(serviceNames)")
            }
            result[kind] = service
        }
        return result
    }
}
