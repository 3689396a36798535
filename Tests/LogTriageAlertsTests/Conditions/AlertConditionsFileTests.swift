import Foundation
import Testing
@testable import LogTriageAlerts

extension Backtest {
    @Suite struct AlertConditionsFileTests {
        static let valid = """
            # Payments alerts
            - name: checkout errors
              nrql: "SELECT count(*) FROM Log WHERE level = 'ERROR' FACET service"
              window_s: 300
              critical:
                operator: above
                threshold: 50
                duration_s: 900
                occurrences: all
              warning:
                operator: above_or_equals
                threshold: 20.5
                duration_s: 600
                occurrences: at_least_once
              route: payments
            - name: no traffic
              nrql: SELECT count(*) FROM Log
              critical: {operator: BELOW, threshold: 1, duration_s: 120, occurrences: AT_LEAST_ONCE}

            """

        @Test("a valid file with two conditions, defaults and NerdGraph spellings")
        func validFile() throws {
            let conditions = try AlertConditionsFile.parse(yaml: Self.valid, path: "alerts.yml")
            #expect(conditions == [
                AlertCondition(
                    name: "checkout errors",
                    nrql: "SELECT count(*) FROM Log WHERE level = 'ERROR' FACET service",
                    windowSeconds: 300,
                    critical: AlertThreshold(operator: .above, value: 50, durationSeconds: 900, occurrences: .all),
                    warning: AlertThreshold(operator: .aboveOrEquals, value: 20.5, durationSeconds: 600,
                                            occurrences: .atLeastOnce),
                    route: "payments"),
                AlertCondition(
                    name: "no traffic", nrql: "SELECT count(*) FROM Log", windowSeconds: 60,
                    critical: AlertThreshold(operator: .below, value: 1, durationSeconds: 120,
                                             occurrences: .atLeastOnce)),
            ])
        }

        @Test("occurrences defaults to all; an empty file has no conditions")
        func defaults() throws {
            let conditions = try AlertConditionsFile.parse(yaml: """
                - name: a
                  nrql: SELECT count(*) FROM Log
                  critical: {operator: equals, threshold: 0, duration_s: 60}
                """, path: "a.yml")
            #expect(conditions.first?.critical?.occurrences == .all)
            #expect(conditions.first?.warning == nil)
            #expect(conditions.first?.route == nil)
            #expect(try AlertConditionsFile.parse(yaml: "", path: "a.yml").isEmpty)
            #expect(try AlertConditionsFile.parse(yaml: "[]", path: "a.yml").isEmpty)
        }

        @Test("load reads a file from disk and names it when it cannot")
        func load() throws {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("alerts-\(UUID().uuidString).yml")
            try Self.valid.write(to: url, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: url) }
            #expect(try AlertConditionsFile.load(path: url.path).count == 2)
            let missing = url.path + ".missing"
            let error = #expect(throws: AlertConditionsError.self) { try AlertConditionsFile.load(path: missing) }
            #expect(error?.path == missing)
            if case .unreadable = error?.problem {} else { Issue.record("expected unreadable, got \(String(describing: error))") }
        }

        struct Case: Sendable, CustomTestStringConvertible {
            let label: String
            let yaml: String
            let line: Int
            let condition: String?
            let key: String?
            let problem: AlertConditionsError.Problem?
            var testDescription: String { label }
        }

        static let errorCases: [Case] = [
            Case(label: "missing operator", yaml: """
                - name: checkout errors
                  nrql: SELECT count(*) FROM Log
                  critical:
                    threshold: 5
                    duration_s: 60
                """, line: 4, condition: "checkout errors", key: "critical.operator", problem: .missingOperator),
            Case(label: "duration not a multiple of the window", yaml: """
                - name: ok
                  nrql: SELECT count(*) FROM Log
                  critical: {operator: above, threshold: 1, duration_s: 60}
                - name: slow
                  nrql: SELECT count(*) FROM Log
                  window_s: 120
                  critical:
                    operator: above
                    threshold: 3
                    duration_s: 300
                """, line: 10, condition: "slow", key: "critical.duration_s",
                 problem: .durationNotMultiple(durationSeconds: 300, windowSeconds: 120)),
            Case(label: "bad occurrences", yaml: """
                - name: flaky
                  nrql: SELECT count(*) FROM Log
                  critical:
                    operator: above
                    threshold: 3
                    duration_s: 60
                  warning:
                    operator: above
                    threshold: 1
                    duration_s: 60
                    occurrences: sometimes
                """, line: 11, condition: "flaky", key: "warning.occurrences",
                 problem: .unknownOccurrences("sometimes")),
            Case(label: "duplicate names", yaml: """
                - name: dup
                  nrql: SELECT count(*) FROM Log
                  critical: {operator: above, threshold: 1, duration_s: 60}
                - name: dup
                  nrql: SELECT count(*) FROM Log
                  critical: {operator: above, threshold: 2, duration_s: 60}
                """, line: 4, condition: "dup", key: "name", problem: .duplicateName(firstLine: 1)),
            Case(label: "YAML syntax error", yaml: """
                - name: first
                  nrql: SELECT count(*) FROM Log
                  critical: {operator: above, threshold: 1, duration_s: 60}
                - name: broken
                  nrql: SELECT count(*) FROM Log
                  critical: {operator: above, threshold: 1, duration_s: 60
                - name: after
                  nrql: SELECT count(*) FROM Log
                """, line: 6, condition: "broken", key: nil, problem: nil),
            Case(label: "YAML syntax error without context", yaml: """
                # comment lines count too
                - name: first
                  nrql: SELECT count(*) FROM Log
                  critical: {operator: above, threshold: 1, duration_s: 60}
                - name: 'colon in nrql'
                  nrql: SELECT a: b FROM Log
                """, line: 6, condition: "colon in nrql", key: nil, problem: nil),
            Case(label: "a key given twice", yaml: """
                - name: twice
                  nrql: SELECT count(*) FROM Log
                  critical:
                    operator: above
                    operator: below
                    threshold: 1
                    duration_s: 60
                """, line: 4, condition: "twice", key: nil, problem: nil),
            Case(label: "unknown operator", yaml: """
                - name: typo
                  nrql: SELECT count(*) FROM Log
                  critical: {operator: greater, threshold: 1, duration_s: 60}
                """, line: 3, condition: "typo", key: "critical.operator", problem: .unknownOperator("greater")),
            Case(label: "unknown key", yaml: """
                - name: typo
                  nrql: SELECT count(*) FROM Log
                  critical:
                    operator: above
                    treshold: 1
                    duration_s: 60
                """, line: 5, condition: "typo", key: "critical.treshold",
                 problem: .unknownKey(known: AlertConditionsFile.thresholdKeys)),
            Case(label: "threshold not a number", yaml: """
                - name: words
                  nrql: SELECT count(*) FROM Log
                  critical:
                    operator: above
                    threshold: "5"
                    duration_s: 60
                """, line: 5, condition: "words", key: "critical.threshold", problem: .notANumber("\"5\"")),
            Case(label: "window not positive", yaml: """
                - name: zero
                  nrql: SELECT count(*) FROM Log
                  window_s: 0
                  critical: {operator: above, threshold: 1, duration_s: 60}
                """, line: 3, condition: "zero", key: "window_s", problem: .notPositive(0)),
            Case(label: "missing nrql", yaml: """
                - name: empty
                  critical: {operator: above, threshold: 1, duration_s: 60}
                """, line: 1, condition: "empty", key: "nrql", problem: .missing),
            Case(label: "missing name", yaml: """
                - name: fine
                  nrql: SELECT count(*) FROM Log
                  critical: {operator: above, threshold: 1, duration_s: 60}
                - nrql: SELECT count(*) FROM Log
                  critical: {operator: above, threshold: 1, duration_s: 60}
                """, line: 4, condition: nil, key: "name", problem: .missing),
            Case(label: "not a list", yaml: """
                name: single
                nrql: SELECT count(*) FROM Log
                """, line: 1, condition: nil, key: nil, problem: .notAList),
        ]

        @Test("an unusable file stops with the line, the condition and the key", arguments: errorCases)
        func errors(_ testCase: Case) {
            let error = #expect(throws: AlertConditionsError.self) {
                try AlertConditionsFile.parse(yaml: testCase.yaml, path: "alerts.yml")
            }
            guard let error else { return }
            #expect(error.path == "alerts.yml")
            #expect(error.line == testCase.line, "\(error)")
            #expect(error.condition == testCase.condition, "\(error)")
            #expect(error.key == testCase.key, "\(error)")
            if let problem = testCase.problem {
                #expect(error.problem == problem, "\(error)")
            } else if case .invalidYAML = error.problem {
            } else {
                Issue.record("expected a YAML syntax error, got \(error)")
            }
            #expect(error.description.hasPrefix("conditions alerts.yml:\(testCase.line): "))
            if let condition = testCase.condition { #expect(error.description.contains("condition '\(condition)'")) }
            if let key = testCase.key { #expect(error.description.contains("key '\(key)'")) }
        }

        @Test("messages read as instructions")
        func messages() throws {
            let missing = AlertConditionsError(path: "alerts.yml", line: 4, condition: "checkout errors", index: 1,
                                               key: "critical.operator", problem: .missingOperator)
            #expect(missing.description == """
                conditions alerts.yml:4: condition 'checkout errors', key 'critical.operator': is missing; set it \
                explicitly (New Relic's Terraform provider defaults to 'equals', which is rarely meant)
                """)
            let unnamed = AlertConditionsError(path: "alerts.yml", line: 4, index: 2, key: "name", problem: .missing)
            #expect(unnamed.description == "conditions alerts.yml:4: condition 2, key 'name': is missing")
            let multiple = AlertConditionsError(path: "a.yml", line: 9, condition: "slow", key: "critical.duration_s",
                                                problem: .durationNotMultiple(durationSeconds: 300, windowSeconds: 120))
            #expect(multiple.description
                == "conditions a.yml:9: condition 'slow', key 'critical.duration_s': 300 s is not a multiple of the window (120 s)")
        }
    }
}

@Suite("Alerts: a conditions file whose NRQL does not parse")
struct AlertConditionsNRQLTests {
    @Test("the file loads; the condition is refused with the construct named, the others are kept")
    func theConditionIsRefusedAndTheOthersKept() throws {
        let yaml = """
            - name: fine
              nrql: SELECT count(*) FROM Log
              critical: {operator: above, threshold: 1, duration_s: 60}
            - name: compared
              nrql: "SELECT count(*) FROM Log WHERE level = 'ERROR' COMPARE WITH 1 week ago"
              critical: {operator: above, threshold: 1, duration_s: 60}
            """
        let conditions = try AlertConditionsFile.parse(yaml: yaml, path: "alerts.yml")
        #expect(conditions.map(\.name) == ["fine", "compared"])
        guard case .success = ConditionRefusal.check(conditions[0]) else {
            Issue.record("the valid condition is refused")
            return
        }
        guard case let .failure(refusal) = ConditionRefusal.check(conditions[1]) else {
            Issue.record("COMPARE WITH is accepted")
            return
        }
        #expect(refusal.kind == "nrql")
        #expect(refusal.description.contains("COMPARE WITH"))
    }
}
