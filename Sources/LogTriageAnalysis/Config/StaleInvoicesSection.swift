import Yams

/// Reads the `staleInvoices:` section of `defaults.yml` and `triage.yml` from its YAML node, so
/// every mistake names the key to fix (`staleInvoices.invoiceState.message`).
///
/// Each key given replaces the current value; keys left out keep it. An empty list is allowed
/// and switches that kind of recognition off.
enum StaleInvoicesSection {
    static let keys = ["loopGapMinutes", "invoiceState"]
    static let invoiceStateKeys = ["exception", "message", "status"]

    static func apply(_ node: Node, path: String, to configuration: inout TriageConfiguration) throws(ConfigurationError) {
        if node.null != nil { return }
        let mapping = try self.mapping(node, key: "staleInvoices", known: keys, path: path)
        if let gap = mapping["loopGapMinutes"] {
            guard let minutes = gap.scalar.flatMap({ Double($0.string) }), minutes.isFinite, minutes > 0,
                  minutes * 60_000 >= 1, minutes * 60_000 < 9e15 else {
                throw .invalidYAML(path: path, reason: "'staleInvoices.loopGapMinutes' must be a positive number of minutes, not '\(gap.scalar?.string ?? "\(gap)")'")
            }
            configuration.staleLoopGapMilliseconds = Int64((minutes * 60_000).rounded())
        }
        guard let stateNode = mapping["invoiceState"], stateNode.null == nil else { return }
        let state = try self.mapping(stateNode, key: "staleInvoices.invoiceState", known: invoiceStateKeys, path: path)
        var policy = configuration.invoiceStatePolicy
        if let values = try list(state, "exception", path: path) {
            policy.exception = values.map(ClassPattern.init)
        }
        if let values = try list(state, "message", path: path) {
            policy.message = try values.map { (text) throws(ConfigurationError) in
                do { return try MessagePattern(text) } catch {
                    throw .invalidYAML(path: path, reason: "'staleInvoices.invoiceState.message': \(error)")
                }
            }
        }
        if let values = try list(state, "status", path: path) {
            policy.status = try values.map { (text) throws(ConfigurationError) in
                do { return try StatusPattern(parsing: text) } catch {
                    throw .invalidYAML(path: path, reason: "'staleInvoices.invoiceState.status': \(error)")
                }
            }
        }
        configuration.invoiceStatePolicy = policy
    }

    private static func mapping(_ node: Node, key: String, known: [String], path: String) throws(ConfigurationError) -> Node.Mapping {
        guard let mapping = node.mapping else {
            throw .invalidYAML(path: path, reason: "'\(key)' must be a mapping of \(known.joined(separator: ", "))")
        }
        for entry in mapping.keys {
            let name = entry.string ?? "\(entry)"
            guard known.contains(name) else {
                throw .invalidYAML(path: path, reason: "'\(key)': unknown key '\(name)' (known keys: \(known.joined(separator: ", ")))")
            }
        }
        return mapping
    }

    /// The values of a list key (a single value counts as a list of one), nil when absent.
    private static func list(_ mapping: Node.Mapping, _ key: String, path: String) throws(ConfigurationError) -> [String]? {
        guard let node = mapping[key] else { return nil }
        let name = "staleInvoices.invoiceState.\(key)"
        if node.null != nil { return [] }
        let items: [Node]
        if node.scalar != nil { items = [node] } else if let sequence = node.sequence { items = Array(sequence) } else {
            throw .invalidYAML(path: path, reason: "'\(name)' must be a value or a list of values")
        }
        var values: [String] = []
        for item in items {
            guard let scalar = item.scalar, !scalar.string.isEmpty else {
                throw .invalidYAML(path: path, reason: "'\(name)' must list non-empty plain values")
            }
            values.append(scalar.string)
        }
        return values
    }
}
