import Foundation
import Yams
import LogTriageBasics

/// Reads the alert conditions given with `--alerts`, in whichever form the team holds them,
/// detected from the content (never the file name):
/// - LogTriage's YAML list (``AlertConditionsFile``);
/// - a quickstart condition (`alert-policies/*/*.yml`: NerdGraph's camelCase input as YAML),
///   or a list of them;
/// - NerdGraph JSON: a `nrqlConditionsSearch` answer (`data.actor.account.alerts…`), its
///   `nrqlConditions` list, one condition, or mutation variables (`alerts-nerdgraph.json`);
/// - Terraform state JSON (`terraform show -json`);
/// - a folder of such files, read recursively in path order, each file's folder naming the
///   policy of its conditions.
///
/// A file that cannot be read or is none of these stops the run (the conditions given
/// would be silently incomplete); a condition with an unusable setting does not: it is kept
/// with its ``AlertCondition/problem`` and the review lists it as not backtested.
public enum AlertConditionsLoader {
    /// Reads a file or a folder of files.
    public static func load(path: String) throws -> [AlertCondition] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AlertConditionsError(path: path, line: nil, problem: .unreadable(reason: "no such file or folder"))
        }
        guard isDirectory.boolValue else { return try uniqueNames(loadFile(path: path, policy: nil)) }
        let root = URL(fileURLWithPath: path)
        var files: [String] = []
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            let ext = url.pathExtension.lowercased()
            if ["yml", "yaml", "json"].contains(ext) { files.append(url.path) }
        }
        var conditions: [AlertCondition] = []
        for file in files.sorted() {
            let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
            let policy = folder.standardizedFileURL.path == root.standardizedFileURL.path ? nil : folder.lastPathComponent
            conditions += try loadFile(path: file, policy: policy)
        }
        return uniqueNames(conditions)
    }

    /// Reads one file; `policy` names the policy of conditions that do not say theirs.
    public static func loadFile(path: String, policy: String?) throws -> [AlertCondition] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw AlertConditionsError(path: path, line: nil, problem: .unreadable(reason: error.localizedDescription))
        }
        var conditions = try parse(text, path: path)
        if let policy {
            for index in conditions.indices where conditions[index].policy == nil { conditions[index].policy = policy }
        }
        return conditions
    }

    /// The conditions in `text`, whatever its format; `path` only names the file in errors.
    public static func parse(_ text: String, path: String) throws -> [AlertCondition] {
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.first == "{" || trimmed.first == "[" , let json = try? JSONSerialization.jsonObject(
            with: Data(text.utf8), options: [.fragmentsAllowed]) {
            return try fromJSON(json, path: path)
        }
        let node: Node?
        do {
            // Composed once, and checked before anything is constructed from it: Yams's
            // constructor traps on a mapping key that is not a plain value (`? [a]: b`), which
            // the conditions fuzzer found.
            try AlertConditionsFile.refuseAliasBombs(in: text, path: path)
            node = try Yams.compose(yaml: text)
            if let node { try AlertConditionsFile.refuseAliasBombs(in: node, path: path) }
            if let node, let key = Self.firstComplexKey(in: node) {
                throw AlertConditionsError(path: path, line: key.mark.map { $0.line }, problem: .invalidYAML(
                    reason: "a mapping key must be a plain value, not a \(key.mapping != nil ? "mapping" : "list")"))
            }
        } catch let error as AlertConditionsError {
            throw error
        } catch let error as YamlError {
            throw AlertConditionsFile.syntaxError(error, text: text, path: path)
        } catch {
            throw AlertConditionsError(path: path, line: nil, problem: .invalidYAML(reason: "\(error)"))
        }
        // A quickstart condition (NerdGraph's input) is told by its first condition, the only
        // part made into plain values before the whole is known to be one.
        if case .mapping? = node, let mapping = node.map(Constructor.default.any(from:)) as? [String: Any],
           isNerdGraphCondition(mapping) {
            return [NerdGraphConditionReader.condition(mapping, fallbackName: name(of: path), policy: nil)]
        }
        if case let .sequence(items)? = node, let first = items.first, first.mapping != nil,
           let firstMapping = Constructor.default.any(from: first) as? [String: Any], isNerdGraphCondition(firstMapping) {
            return items.enumerated().compactMap { offset, item in
                (offset == 0 ? firstMapping : Constructor.default.any(from: item) as? [String: Any]).map {
                    NerdGraphConditionReader.condition($0, fallbackName: "\(name(of: path)) \(offset + 1)", policy: nil)
                }
            }
        }
        return try AlertConditionsFile.conditions(in: node, path: path)
    }

    /// The first mapping key in `node` that is itself a mapping or a list, if any.
    private static func firstComplexKey(in node: Node) -> Node? {
        switch node {
        case .scalar, .alias: return nil
        case let .sequence(sequence): return sequence.lazy.compactMap(firstComplexKey).first
        case let .mapping(mapping):
            for (key, value) in mapping {
                if key.scalar == nil { return key }
                if let inner = firstComplexKey(in: value) { return inner }
            }
            return nil
        }
    }

    private static func fromJSON(_ json: Any, path: String) throws -> [AlertCondition] {
        if TerraformStateConditionReader.isState(json) {
            return TerraformStateConditionReader.conditions(json, source: path)
        }
        guard let list = nerdGraphConditions(json) else {
            throw AlertConditionsError(path: path, line: nil, problem: .unknownFormat(
                reason: "JSON that is neither a Terraform state (values.root_module) nor NerdGraph NRQL conditions (nrqlConditions)"))
        }
        return list.enumerated().map { offset, object in
            NerdGraphConditionReader.condition(object, fallbackName: "\(name(of: path)) \(offset + 1)", policy: nil)
        }
    }

    /// The NerdGraph conditions in a JSON value: a whole `nrqlConditionsSearch` answer, any
    /// object holding `nrqlConditions`, such a list itself, or one condition.
    static func nerdGraphConditions(_ json: Any) -> [[String: Any]]? {
        if let list = json as? [Any] {
            let objects = list.compactMap { $0 as? [String: Any] }
            return objects.allSatisfy(isNerdGraphCondition) ? objects : nil
        }
        guard let object = json as? [String: Any] else { return nil }
        if isNerdGraphCondition(object) { return [object] }
        if let list = object["nrqlConditions"] { return nerdGraphConditions(list) }
        // Mutation variables (`{"condition": …}`), alone or listed as alerts-nerdgraph.json writes them.
        if let one = object["condition"] as? [String: Any], isNerdGraphCondition(one) { return [one] }
        if let list = object["conditions"] as? [Any] {
            let inner = list.compactMap { ($0 as? [String: Any]).map { $0["condition"] as? [String: Any] ?? $0 } }
            if inner.count == list.count, inner.allSatisfy(isNerdGraphCondition) { return inner }
        }
        for key in object.keys.sorted() {
            if let value = object[key] as? [String: Any], let found = nerdGraphConditions(value) { return found }
        }
        return nil
    }

    /// NerdGraph's shape: `nrql` is an object with a `query`, and thresholds are `terms`.
    static func isNerdGraphCondition(_ object: [String: Any]) -> Bool {
        (object["nrql"] as? [String: Any])?["query"] != nil
    }

    private static func name(of path: String) -> String {
        URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    /// Conditions of different policies may share a name; reports key conditions by name, so
    /// a repeated name gets its policy (or its position) in brackets.
    static func uniqueNames(_ conditions: [AlertCondition]) -> [AlertCondition] {
        var counts: [String: Int] = [:]
        for condition in conditions { counts[condition.name, default: 0] += 1 }
        var names = UniqueNames()
        var result = conditions
        for index in result.indices {
            var name = result[index].name
            if counts[name, default: 0] > 1, let policy = result[index].policy { name += " [\(policy)]" }
            result[index].name = names.claim(name) { "\($0) (\($1))" }
        }
        return result
    }
}
