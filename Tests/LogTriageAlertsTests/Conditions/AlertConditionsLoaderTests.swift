import Foundation
import Testing
@testable import LogTriageAlerts
import LogTriageTestSupport

@Suite("Alerts: conditions in every format teams hold them")
struct AlertConditionsLoaderTests {
    static func inFolder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("conditions-\(UUID().uuidString)")
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test("a mapping key that is a list or a mapping is refused, not a trap (found by the conditions fuzzer)",
          arguments: ["? [a, b]\n: 1\n", "name: x\nnrql:\n  ? {q: 1}\n  : SELECT count(*) FROM Log\n", "- ? [1]\n  : 2\n"])
    func complexMappingKeysAreRefused(text: String) {
        do {
            _ = try AlertConditionsLoader.parse(text, path: "hostile.yml")
            Issue.record("parsed")
        } catch {
            #expect("\(error)".contains("a mapping key must be a plain value"))
        }
    }

    @Test("our YAML reads every New Relic setting, a warning-only condition included")
    func ours() throws {
        let conditions = try AlertConditionsLoader.parse(ConditionFormats.ours, path: "alerts.yml")
        #expect(conditions.count == 3)
        let errors = conditions[0]
        #expect(errors.aggregationMethod == .eventTimer && errors.aggregationTimerSeconds == 120)
        #expect(errors.expirationSeconds == 1800 && errors.closeOnExpiration && !errors.openOnExpiration)
        #expect(errors.violationTimeLimitSeconds == 86400)
        #expect(errors.warning?.occurrences == .atLeastOnce)
        let ratio = conditions[1]
        #expect(ratio.critical == nil && ratio.warning?.value == 20)
        #expect(ratio.slideBySeconds == 300 && ratio.fill == .static(0))
        #expect(ratio.violationTimeLimitSeconds == AlertCondition.defaultViolationTimeLimitSeconds)
        let latency = conditions[2]
        #expect(!latency.enabled && latency.fill == .lastValue && latency.aggregationMethod == .cadence)
        #expect(latency.aggregationDelaySeconds == 60)
        #expect(conditions.allSatisfy { $0.problem == nil })
    }

    @Test("quickstart YAML, NerdGraph JSON and Terraform state JSON read as the same conditions")
    func sameConditionsInEveryFormat() throws {
        let ours = try AlertConditionsLoader.parse(ConditionFormats.ours, path: "alerts.yml")
        let quickstart = try ConditionFormats.quickstart.enumerated().flatMap {
            try AlertConditionsLoader.parse($0.element, path: "q\($0.offset).yml")
        }
        let nerdGraph = try AlertConditionsLoader.parse(ConditionFormats.nerdGraph, path: "conditions.json")
        let terraform = try AlertConditionsLoader.parse(ConditionFormats.terraformState, path: "state.json")
        #expect(quickstart == ours)
        #expect(nerdGraph == ours)
        #expect(terraform == ours)
    }

    @Test("the nrqlConditions list alone, and one bare condition, are NerdGraph too")
    func nerdGraphShapes() throws {
        let list = """
            [{"name": "a", "nrql": {"query": "SELECT count(*) FROM Log"},
              "terms": [{"priority": "CRITICAL", "operator": "ABOVE", "threshold": 1, "thresholdDuration": 60}]}]
            """
        let conditions = try AlertConditionsLoader.parse(list, path: "list.json")
        #expect(conditions.map(\.name) == ["a"])
        #expect(conditions.first?.critical?.occurrences == .all)
        let wrapped = try AlertConditionsLoader.parse("{\"nrqlConditions\": \(list)}", path: "wrapped.json")
        #expect(wrapped == conditions)
    }

    /// A YAML list of NerdGraph conditions is told by its first, which is read once and kept.
    @Test("a YAML list of NerdGraph conditions reads each, the first one included")
    func nerdGraphYAMLList() throws {
        let yaml = """
            - name: first
              nrql:
                query: SELECT count(*) FROM Log WHERE level = 'ERROR'
              terms:
                - priority: CRITICAL
                  operator: ABOVE
                  threshold: 5
                  thresholdDuration: 300
            - nrql:
                query: SELECT count(*) FROM Log
              terms:
                - priority: WARNING
                  operator: ABOVE
                  threshold: 2
                  thresholdDuration: 60
            """
        let conditions = try AlertConditionsLoader.parse(yaml, path: "team.yml")
        #expect(conditions.map(\.name) == ["first", "team 2"])
        #expect(conditions[0].nrql.contains("level = 'ERROR'"))
        #expect(conditions[0].critical?.value == 5)
        #expect(conditions[0].critical?.durationSeconds == 300)
        #expect(conditions[1].warning?.value == 2)
        #expect(conditions[1].critical == nil)
    }

    @Test("a condition with an unusable setting is kept with its problem; the others load")
    func unusableSettingDoesNotStop() throws {
        let json = """
            {"nrqlConditions": [
              {"name": "no operator", "nrql": {"query": "SELECT count(*) FROM Log"},
               "terms": [{"priority": "CRITICAL", "threshold": 1, "thresholdDuration": 60}]},
              {"name": "odd duration", "nrql": {"query": "SELECT count(*) FROM Log"}, "signal": {"aggregationWindow": 120},
               "terms": [{"priority": "WARNING", "operator": "ABOVE", "threshold": 1, "thresholdDuration": 300}]},
              {"name": "fine", "nrql": {"query": "SELECT count(*) FROM Log"},
               "terms": [{"priority": "CRITICAL", "operator": "ABOVE", "threshold": 1, "thresholdDuration": 60}]}]}
            """
        let conditions = try AlertConditionsLoader.parse(json, path: "c.json")
        #expect(conditions.map(\.name) == ["no operator", "odd duration", "fine"])
        #expect(conditions[0].problem?.contains("critical term has no operator") == true)
        #expect(conditions[1].problem?.contains("300 s, not a multiple of the 120 s window") == true)
        #expect(conditions[2].problem == nil)
        guard case let .failure(refusal) = ConditionRefusal.check(conditions[0]) else {
            Issue.record("a condition without operator is backtested")
            return
        }
        #expect(refusal.kind == "setting")
    }

    @Test("a folder: every file in path order, the folder names the policy, repeated names get it")
    func folder() throws {
        let folder = try Self.inFolder([
            "b-policy/errors.yml": ConditionFormats.quickstart[0],
            "a-policy/errors.yml": ConditionFormats.quickstart[0],
            "a-policy/notes.txt": "not a condition",
            "c-policy/state.json": ConditionFormats.terraformState,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let conditions = try AlertConditionsLoader.load(path: folder.path)
        #expect(conditions.map(\.name) == [
            "gateway errors [a-policy]", "gateway errors [b-policy]", "gateway errors [c-policy]",
            "pump failure ratio", "gateway latency",
        ])
        #expect(conditions.map(\.policy) == ["a-policy", "b-policy", "c-policy", "c-policy", "c-policy"])
    }

    @Test("JSON that is no conditions format stops with the file named")
    func unknownJSON() {
        let error = #expect(throws: AlertConditionsError.self) {
            try AlertConditionsLoader.parse("{\"records\": [1, 2]}", path: "other.json")
        }
        #expect(error?.description.contains("other.json") == true)
        #expect(error?.description.contains("Terraform state") == true)
    }
}
