import Foundation
import Yams
import LogTriageAnalysis

/// Reads LogTriage's own conditions YAML (`--alerts alerts.yml`): a YAML list of conditions,
/// each `{name, nrql, window_s, critical, warning, route}` and New Relic's other settings
/// (`type`, `enabled`, `slide_by_s`, `fill_option`, `fill_value`, `aggregation_method`,
/// `aggregation_delay_s`, `aggregation_timer_s`, `expiration_s`, `open_on_expiration`,
/// `close_on_expiration`, `violation_time_limit_s`). `AlertConditionsLoader` detects the
/// other formats teams hold their conditions in.
///
/// Validation is strict because a backtest of a silently misread condition is worse than no
/// backtest: unknown keys, a missing `operator` (New Relic's Terraform default `equals`
/// surprises people), a duration that is not a whole number of windows all stop the run, with
/// the line, the condition and the key in the message. Defaults: `window_s` 60 (New Relic's
/// default window), `occurrences` `all` (New Relic's default). `operator` and `occurrences`
/// are also read in NerdGraph's upper case (`ABOVE`, `AT_LEAST_ONCE`).
public enum AlertConditionsFile {
    /// Keys a condition may have, in the order they are documented.
    public static let conditionKeys = [
        "name", "nrql", "window_s", "critical", "warning", "route", "type", "enabled", "slide_by_s", "fill_option",
        "fill_value", "aggregation_method", "aggregation_delay_s", "aggregation_timer_s", "expiration_s",
        "open_on_expiration", "close_on_expiration", "violation_time_limit_s",
    ]
    /// Keys a `critical` or `warning` term may have.
    public static let thresholdKeys = ["operator", "threshold", "duration_s", "occurrences"]
    /// New Relic's default aggregation window.
    public static let defaultWindowSeconds = AlertCondition.defaultWindowSeconds

    /// Reads the conditions at `path` in any format ``AlertConditionsLoader`` detects: a file
    /// or a folder of files.
    public static func load(path: String) throws -> [AlertCondition] {
        try AlertConditionsLoader.load(path: path)
    }

    /// Validates conditions from YAML text; `path` only names the file in errors.
    public static func parse(yaml text: String, path: String) throws -> [AlertCondition] {
        let root: Node?
        try refuseAliasBombs(in: text, path: path)
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw syntaxError(error, text: text, path: path)
        } catch {
            throw AlertConditionsError(path: path, line: nil, problem: .invalidYAML(reason: "\(error)"))
        }
        if let root { try refuseAliasBombs(in: root, path: path) }
        return try conditions(in: root, path: path)
    }

    /// The conditions of a composed document whose aliases were checked (``parse(yaml:path:)``).
    static func conditions(in root: Node?, path: String) throws -> [AlertCondition] {
        guard let root else { return [] }
        guard case let .sequence(items) = root else {
            if case let .scalar(scalar) = root, scalar.tag == .init(.null) { return [] }
            throw AlertConditionsError(path: path, line: root.mark?.line, problem: .notAList)
        }
        var reader = Reader(path: path)
        var conditions: [AlertCondition] = []
        conditions.reserveCapacity(items.count)
        for (offset, item) in items.enumerated() {
            conditions.append(try reader.condition(item, index: offset + 1))
        }
        return conditions
    }

    /// Conditions may share settings through many aliases, but no key may hold one: Yams walks
    /// a key whole while it composes (``YAMLExpansion``).
    static func refuseAliasBombs(in text: String, path: String) throws(AlertConditionsError) {
        if let refusal = YAMLExpansion.keyRefusal(yaml: text) {
            throw AlertConditionsError(path: path, line: nil, problem: .invalidYAML(reason: refusal))
        }
    }

    /// A composed file whose aliases expand it past what any conditions file holds: whatever
    /// walks it next (the constructor, an error's description) would walk every copy.
    static func refuseAliasBombs(in node: Node, path: String) throws(AlertConditionsError) {
        if let refusal = YAMLExpansion.refusal(node) {
            throw AlertConditionsError(path: path, line: nil, problem: .invalidYAML(reason: refusal))
        }
    }

    /// A YAML syntax error as a conditions error: the line where the broken construct starts
    /// (else where the parser stopped), and the condition whose `name:` comes last on or
    /// before that line (the tree is not built, so the text is searched).
    static func syntaxError(_ error: YamlError, text: String, path: String) -> AlertConditionsError {
        let line: Int?
        let reason: String
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            // The context (an unclosed quote or bracket) is where the culprit starts; the
            // problem mark is where the parser gave up, often on the next condition.
            line = context?.mark.line ?? mark.line
            reason = [context.map { "\($0.text) (line \($0.mark.line))" }, "\(problem) (line \(mark.line))"]
                .compactMap { $0 }.joined(separator: ": ")
        case let .duplicatedKeysInMapping(duplicates, context):
            line = context.mark.line
            reason = "duplicated key \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", "))"
        default:
            line = nil
            reason = "\(error)"
        }
        return AlertConditionsError(path: path, line: line, condition: line.flatMap { nameBefore(line: $0, in: text) },
                                    problem: .invalidYAML(reason: reason))
    }

    /// The value of the last `name:` key on or before 1-based `line`, unquoted.
    static func nameBefore(line: Int, in text: String) -> String? {
        var found: String?
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if offset + 1 > line { break }
            var rest = raw.drop { $0 == " " || $0 == "\t" }
            if rest.hasPrefix("-") { rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" } }
            guard rest.hasPrefix("name:") else { continue }
            var value = rest.dropFirst("name:".count).trimmingCharacters(in: .whitespaces)
            if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]) }
            if value.count >= 2, let first = value.first, first == "'" || first == "\"", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            if !value.isEmpty { found = value }
        }
        return found
    }

    /// Walks the composed tree, remembering names already used.
    private struct Reader {
        let path: String
        var firstLineOfName: [String: Int?] = [:]

        init(path: String) { self.path = path }

        mutating func condition(_ node: Node, index: Int) throws -> AlertCondition {
            var knownName: String?
            func fail(_ problem: AlertConditionsError.Problem, at node: Node?, key: String?) -> AlertConditionsError {
                AlertConditionsError(path: path, line: node?.mark?.line, condition: knownName, index: index, key: key,
                                     problem: problem)
            }
            guard let mapping = node.mapping else { throw fail(.notAMapping, at: node, key: nil) }
            // The name first, so every later error can name the condition.
            if let nameNode = mapping["name"] {
                guard let text = Self.text(nameNode) else { throw fail(.notAString, at: nameNode, key: "name") }
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty else { throw fail(.empty, at: nameNode, key: "name") }
                knownName = trimmed
            }
            for (key, _) in mapping {
                let keyName = key.string ?? "\(key)"
                if !conditionKeys.contains(keyName) {
                    throw fail(.unknownKey(known: conditionKeys), at: key, key: keyName)
                }
            }
            guard let name = knownName, let nameNode = mapping["name"] else { throw fail(.missing, at: node, key: "name") }
            if let first = firstLineOfName[name] {
                throw fail(.duplicateName(firstLine: first), at: nameNode, key: "name")
            }
            firstLineOfName[name] = nameNode.mark?.line

            guard let nrqlNode = mapping["nrql"] else { throw fail(.missing, at: node, key: "nrql") }
            guard let nrqlText = Self.text(nrqlNode) else { throw fail(.notAString, at: nrqlNode, key: "nrql") }
            let nrql = nrqlText.trimmingCharacters(in: .whitespacesAndNewlines)
            // The query is parsed by the alert stage: one that does not parse is refused
            // there, with the construct named, and the other conditions are still reviewed.
            guard !nrql.isEmpty else { throw fail(.empty, at: nrqlNode, key: "nrql") }

            var window = defaultWindowSeconds
            if let windowNode = mapping["window_s"] {
                window = try positiveInteger(windowNode, key: "window_s", fail: fail)
            }

            // A warning-only condition is valid in New Relic: one term at least.
            let critical = try mapping["critical"].map { try threshold($0, key: "critical", window: window, fail: fail) }
            let warning = try mapping["warning"].map { try threshold($0, key: "warning", window: window, fail: fail) }
            if critical == nil && warning == nil { throw fail(.missing, at: node, key: "critical") }

            var route: String?
            if let routeNode = mapping["route"], !Self.isNull(routeNode) {
                guard let text = Self.text(routeNode) else { throw fail(.notAString, at: routeNode, key: "route") }
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty else { throw fail(.empty, at: routeNode, key: "route") }
                route = trimmed
            }
            var condition = AlertCondition(name: name, nrql: nrql, windowSeconds: window, critical: critical,
                                           warning: warning, route: route)
            try settings(mapping, into: &condition, fail: fail)
            return condition
        }

        /// The optional New Relic settings beyond window and terms.
        private func settings(
            _ mapping: Node.Mapping, into condition: inout AlertCondition,
            fail: (AlertConditionsError.Problem, Node?, String?) -> AlertConditionsError
        ) throws {
            func word(_ key: String) throws -> String? {
                guard let node = mapping[key], !Self.isNull(node) else { return nil }
                guard let text = Self.text(node) else { throw fail(.notAString, node, key) }
                return text.lowercased()
            }
            func seconds(_ key: String) throws -> Int? {
                guard let node = mapping[key], !Self.isNull(node) else { return nil }
                return try positiveInteger(node, key: key, fail: fail)
            }
            func flag(_ key: String) throws -> Bool? {
                guard let node = mapping[key], !Self.isNull(node) else { return nil }
                guard let value = node.bool else { throw fail(.notABoolean(Self.shown(node)), node, key) }
                return value
            }
            if let text = try word("type") {
                guard let type = ConditionType(rawValue: text) else {
                    throw fail(.unknownValue(text, known: ConditionType.allCases.map(\.rawValue)), mapping["type"], "type")
                }
                condition.type = type
            }
            if let enabled = try flag("enabled") { condition.enabled = enabled }
            condition.slideBySeconds = try seconds("slide_by_s")
            if let text = try word("fill_option") {
                switch text {
                case "none": condition.fill = .none
                case "last_value": condition.fill = .lastValue
                case "static":
                    guard let node = mapping["fill_value"], let value = node.float, value.isFinite else {
                        throw fail(.missing, mapping["fill_option"], "fill_value")
                    }
                    condition.fill = .static(value)
                default:
                    throw fail(.unknownValue(text, known: ["none", "static", "last_value"]), mapping["fill_option"],
                               "fill_option")
                }
            }
            if let text = try word("aggregation_method") {
                guard let method = AggregationMethod(rawValue: text) else {
                    throw fail(.unknownValue(text, known: AggregationMethod.allCases.map(\.rawValue)),
                               mapping["aggregation_method"], "aggregation_method")
                }
                condition.aggregationMethod = method
            }
            condition.aggregationDelaySeconds = try seconds("aggregation_delay_s")
            condition.aggregationTimerSeconds = try seconds("aggregation_timer_s")
            condition.expirationSeconds = try seconds("expiration_s")
            if let open = try flag("open_on_expiration") { condition.openOnExpiration = open }
            if let close = try flag("close_on_expiration") { condition.closeOnExpiration = close }
            if let limit = try seconds("violation_time_limit_s") { condition.violationTimeLimitSeconds = limit }
        }

        private func threshold(
            _ node: Node, key prefix: String, window: Int,
            fail: (AlertConditionsError.Problem, Node?, String?) -> AlertConditionsError
        ) throws -> AlertThreshold {
            guard let mapping = node.mapping else { throw fail(.notAMapping, node, prefix) }
            for (key, _) in mapping {
                let keyName = key.string ?? "\(key)"
                if !thresholdKeys.contains(keyName) {
                    throw fail(.unknownKey(known: thresholdKeys), key, "\(prefix).\(keyName)")
                }
            }
            guard let operatorNode = mapping["operator"], !Self.isNull(operatorNode) else {
                throw fail(.missingOperator, node, "\(prefix).operator")
            }
            guard let operatorText = Self.text(operatorNode) else {
                throw fail(.notAString, operatorNode, "\(prefix).operator")
            }
            guard let thresholdOperator = ThresholdOperator(rawValue: operatorText.lowercased()) else {
                throw fail(.unknownOperator(operatorText), operatorNode, "\(prefix).operator")
            }

            guard let valueNode = mapping["threshold"], !Self.isNull(valueNode) else {
                throw fail(.missing, node, "\(prefix).threshold")
            }
            guard case let .scalar(scalar) = valueNode, scalar.style == .plain || scalar.style == .any,
                  let value = valueNode.float, value.isFinite
            else {
                throw fail(.notANumber(Self.shown(valueNode)), valueNode, "\(prefix).threshold")
            }

            guard let durationNode = mapping["duration_s"] else { throw fail(.missing, node, "\(prefix).duration_s") }
            let duration = try positiveInteger(durationNode, key: "\(prefix).duration_s", fail: fail)
            guard duration % window == 0 else {
                throw fail(.durationNotMultiple(durationSeconds: duration, windowSeconds: window), durationNode,
                           "\(prefix).duration_s")
            }

            var occurrences = ThresholdOccurrences.all
            if let occurrencesNode = mapping["occurrences"] {
                guard let text = Self.text(occurrencesNode),
                      let mode = ThresholdOccurrences(rawValue: text.lowercased())
                else {
                    throw fail(.unknownOccurrences(Self.shown(occurrencesNode)), occurrencesNode,
                               "\(prefix).occurrences")
                }
                occurrences = mode
            }
            return AlertThreshold(operator: thresholdOperator, value: value, durationSeconds: duration,
                                  occurrences: occurrences)
        }

        private func positiveInteger(
            _ node: Node, key: String, fail: (AlertConditionsError.Problem, Node?, String?) -> AlertConditionsError
        ) throws -> Int {
            guard case let .scalar(scalar) = node, scalar.style == .plain || scalar.style == .any,
                  let value = node.int
            else {
                throw fail(.notAnInteger(Self.shown(node)), node, key)
            }
            guard value > 0 else { throw fail(.notPositive(value), node, key) }
            return value
        }

        /// A scalar's text; nil for a mapping, a list or an explicit null.
        static func text(_ node: Node) -> String? {
            guard case let .scalar(scalar) = node, !isNull(node) else { return nil }
            return scalar.string
        }

        static func isNull(_ node: Node) -> Bool {
            guard case let .scalar(scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
            return node.null != nil
        }

        /// How a value reads in a message; quotes stay visible, since they make a number text.
        static func shown(_ node: Node) -> String {
            switch node {
            case let .scalar(scalar):
                scalar.style == .singleQuoted || scalar.style == .doubleQuoted ? "\"\(scalar.string)\"" : scalar.string
            case .mapping: "a mapping"
            case .sequence: "a list"
            case .alias: "an alias"
            }
        }
    }
}
