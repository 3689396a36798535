import Foundation
import LogTriageModel
import LogTriageAnalysis
import Testing

extension Categories {
    /// `rules:`, `teams:`, `categories:` and `slowThresholdMs:` in a triage.yml.
    @Suite struct CategoryRulesConfigurationTests {
        func configuration(_ yaml: String) throws -> TriageConfiguration {
            var configuration = try TriageConfiguration.defaults()
            try configuration.apply(yaml: yaml, path: "triage.yml")
            return configuration
        }

        func configurationError(_ yaml: String) -> ConfigurationError? {
            do {
                _ = try configuration(yaml)
                return nil
            } catch {
                return error as? ConfigurationError
            }
        }

        @Test func userRuleIsTriedBeforeBuiltInRules() throws {
            let rules = try configuration("""
                rules:
                  - name: ledger-timeouts-are-resource
                    category: resource
                    exception: [SocketTimeoutException]
                    service: [ledger-*]
                """).categoryRules
            let timeout = ExceptionEvidence(errorStack: JavaStacks.socketTimeout)
            let ledger = rules.classify(timeout, service: "ledger-posting")
            #expect(ledger.category == .resource)
            #expect(ledger.rule == "ledger-timeouts-are-resource")
            #expect(rules.classify(timeout, service: "billing-delivery").category == .transient)
        }

        @Test func userRulesTakeCodesAndClassNameWords() throws {
            let rules = try configuration("""
                rules:
                  - name: our-ledger-codes
                    category: resource
                    code: [LEDGER_FULL, "LGR5*"]
                  - name: our-billing-words
                    category: endpoint_moved
                    words: ["biller relocated", "endpoint gone*"]
                """).categoryRules
            let full = rules.classify(ExceptionEvidence(message: "posting refused (LEDGER_FULL)"), service: "ledger")
            #expect(full.category == .resource)
            #expect(full.reason == "our-ledger-codes: code LEDGER_FULL")
            #expect(rules.classify(ExceptionEvidence(message: "error LGR512 at posting"), service: nil).reason
                == "our-ledger-codes: code LGR512")
            #expect(rules.classify(ExceptionEvidence(message: "error XLGR512 at posting"), service: nil).rule != "our-ledger-codes")
            let moved = rules.classify(ExceptionEvidence(errorClass: "com.acme.BillerRelocatedException", errorMessage: "see docs"),
                                       service: "sync")
            #expect(moved.category == .endpointMoved)
            #expect(moved.reason == "our-billing-words: words 'biller relocated' in BillerRelocatedException")
        }

        @Test func userRuleWithABuiltInNameReplacesIt() throws {
            let configuration = try configuration("""
                rules:
                  - name: status-404
                    category: validation
                    status: [404]
                    service: [invoice-api]
                """)
            let notFound = ExceptionEvidence(message: "resource not found", httpStatus: "404")
            #expect(configuration.categoryRules.classify(notFound, service: "invoice-api").category == .validation)
            // The built-in 404 rule is gone, so a 404 elsewhere is no longer called a moved endpoint.
            #expect(configuration.categoryRules.classify(notFound, service: "billing-delivery").category == .other)
            #expect(configuration.categoryRules.rules.filter { $0.name == "status-404" }.count == 1)
        }

        @Test func teamsMapServicesToOwningTeams() throws {
            let rules = try configuration("""
                teams:
                  billing-events: payments-platform
                """).categoryRules
            let typeId = ExceptionEvidence(errorStack: JavaStacks.invalidTypeId)
            #expect(rules.classify(typeId, service: "billing-events").team == "payments-platform")
            #expect(rules.classify(typeId, service: "ledger").team == "ledger")
            // Fixed teams are not affected by the service map.
            #expect(rules.classify(ExceptionEvidence(errorStack: JavaStacks.socketTimeout), service: "billing-events").team == "sre")
        }

        /// Every pair of a large map is read (30,000 services took 45 s when Yams looked each
        /// one up again), and a later document changes only the services it names.
        @Test func aLargeTeamsMapLoadsWhole() throws {
            let services = (0..<30_000).map { "  service-\($0): team-\($0 % 7)" }.joined(separator: "\n")
            var configuration = try configuration("teams:\n" + services + "\n")
            #expect(configuration.teams.count == 30_000)
            #expect(configuration.teams["service-29999"] == "team-\(29_999 % 7)")
            try configuration.apply(yaml: "teams: {service-1: payments}", path: "later.yml")
            #expect(configuration.teams.count == 30_000 && configuration.teams["service-1"] == "payments")
            #expect(configuration.teams["service-2"] == "team-2")
        }

        @Test(arguments: [
            ("teams: [ledger]", "'teams' must be a mapping of service to team"),
            ("teams: {ledger: [a, b]}", "'teams.ledger' must be the name of a team"),
            ("teams: {ledger: ~}", "'teams.ledger' must be the name of a team"),
            ("teams: {[a]: finance}", "'teams' has a key that is not a service name"),
        ])
        func aTeamsMistakeNamesTheKey(yaml: String, reason: String) {
            #expect(configurationError(yaml) == .invalidYAML(path: "triage.yml", reason: reason))
        }

        @Test func categoryPolicyOverrideChangesOnlyTheFieldsGiven() throws {
            let rules = try configuration("""
                categories:
                  validation:
                    team: data-quality
                    runbook: https://wiki.example.com/runbooks/validation
                  transient:
                    team: owning-team
                    tier: critical
                  other:
                    actionable: true
                """).categoryRules
            let validation = rules.classify(ExceptionEvidence(httpStatus: "422"), service: "invoice-api")
            #expect(validation.team == "data-quality")
            #expect(validation.runbook == "https://wiki.example.com/runbooks/validation")
            #expect(validation.tier == .warning)
            #expect(validation.retryable == false)
            let transient = rules.classify(ExceptionEvidence(httpStatus: "503"), service: "invoice-api")
            #expect(transient.team == "invoice-api")
            #expect(transient.tier == .critical)
            #expect(transient.retryable == true)
            #expect(rules.policy(for: .other).actionable)
        }

        @Test func messageRegexAndStatusRange() throws {
            let rules = try configuration("""
                rules:
                  - name: biller-maintenance
                    category: transient
                    message: ["/biller \\\\w+ is in maintenance/"]
                  - name: biller-5xx
                    category: endpoint_moved
                    status: ["520-530"]
                """).categoryRules
            #expect(rules.classify(ExceptionEvidence(message: "Biller ACME is in MAINTENANCE until 3am"), service: nil).rule == "biller-maintenance")
            #expect(rules.classify(ExceptionEvidence(httpStatus: "525"), service: nil).rule == "biller-5xx")
            #expect(rules.classify(ExceptionEvidence(httpStatus: "531"), service: nil).rule == nil)
        }

        @Test func slowThreshold() throws {
            #expect(try configuration("slowThresholdMs: 750").slowThresholdMs == 750)
            #expect(configurationError("slowThresholdMs: 0") == .invalidLimit(path: "triage.yml", key: "slowThresholdMs", value: 0))
        }

        @Test func aUserRuleMayDecideSlowFromWording() throws {
            let rules = try configuration("rules:\n  - name: batch-overrun\n    category: slow\n    message: [\"still running after\"]\n").categoryRules
            let decided = rules.classify(ExceptionEvidence(errorClass: nil, message: "nightly settlement still running after 40 min"), service: "ledger")
            #expect(decided.category == .slow)
            #expect(decided.rule == "batch-overrun")
        }

        @Test func unknownCategoryNamesTheRule() {
            let error = configurationError("""
                rules:
                  - name: fine
                    category: transient
                    status: [503]
                  - name: typo
                    category: transient_error
                    status: [504]
                """)
            guard case let .invalidRule(path, number, name, reason) = error else {
                Issue.record("expected invalidRule, got \(String(describing: error))")
                return
            }
            #expect(path == "triage.yml" && number == 2 && name == "typo")
            #expect(reason.contains("transient_error"))
            #expect(error!.description.contains("rule 2 ('typo')"))
        }

        @Test(arguments: ["\"500-\"", "\"599-500\"", "\"5xx-6xx\"", "700", "abc"])
        func malformedStatusNamesTheRule(status: String) {
            let error = configurationError("""
                rules:
                  - name: broken-status
                    category: transient
                    status: [\(status)]
                """)
            guard case let .invalidRule(_, number, name, reason) = error else {
                Issue.record("expected invalidRule, got \(String(describing: error))")
                return
            }
            #expect(number == 1 && name == "broken-status")
            #expect(reason.contains("status"))
        }

        @Test(arguments: [
            ("- category: transient\n    status: [503]", "needs a 'name'"),
            ("- name: empty\n    category: transient", "no conditions"),
            ("- name: typo-key\n    category: transient\n    exceptions: [Foo]", "unknown key 'exceptions'"),
            ("- name: bad-regex\n    category: transient\n    message: [\"/(unclosed/\"]", "regular expression"),
            ("- name: twice\n    category: transient\n    status: [503]\n  - name: twice\n    category: transient\n    status: [504]", "already"),
            ("- name: bad-code\n    category: transient\n    code: [\"E CONN\"]", "not a token"),
            ("- name: bad-words\n    category: transient\n    words: [\"*\"]", "words"),
        ])
        func malformedRules(rule: String, reason: String) {
            let error = configurationError("rules:\n  \(rule)\n")
            #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
        }

        @Test func malformedCategoryPolicies() {
            #expect(configurationError("categories:\n  flaky:\n    tier: warning\n")?.description.contains("'categories.flaky'") == true)
            #expect(configurationError("categories:\n  transient:\n    tier: urgent\n")?.description.contains("urgent") == true)
            #expect(configurationError("categories:\n  transient:\n    retryable: maybe\n")?.description.contains("retryable") == true)
            #expect(configurationError("categories:\n  transient:\n    owner: sre\n")?.description.contains("unknown key 'owner'") == true)
        }

        @Test func unknownTopLevelKeysStillFail() {
            guard case let .unknownKey(_, key, known) = configurationError("rule: []") else {
                Issue.record("expected unknownKey")
                return
            }
            #expect(key == "rule")
            #expect(known.contains("rules") && known.contains("teams") && known.contains("categories") && known.contains("slowThresholdMs"))
        }

        @Test func failedApplyChangesNothing() throws {
            var configuration = try TriageConfiguration.defaults()
            let before = configuration
            #expect(throws: ConfigurationError.self) {
                try configuration.apply(yaml: """
                    teams: {ledger: finance}
                    categories: {transient: {team: nobody}}
                    rules: [{name: broken, category: nope, status: [500]}]
                    """, path: "triage.yml")
            }
            #expect(configuration == before)
        }

        @Test func rulesTextIsAValidTriageFileThatReproducesTheBuiltInRules() throws {
            let defaults = try TriageConfiguration.defaults()
            var configuration = defaults
            try configuration.apply(yaml: TriageConfiguration.rulesText(), path: "rules.yml")
            #expect(configuration.userRules == defaults.builtInRules)
            #expect(configuration.categoryPolicies == defaults.categoryPolicies)
            #expect(defaults.builtInRules.count >= 30)
            #expect(Set(defaults.builtInRules.map(\.category)) == Set(Category.allCases))
            // `other` by a rule is only ever a caller abort or an executor shutting down; every
            // other `other` is unclassified.
            #expect(defaults.builtInRules.filter { $0.category == .other }.allSatisfy {
                $0.name.hasPrefix("caller-aborted") || $0.name == "executor-shut-down"
            })
        }

        /// `logtriage rules` prints the resource unchanged; runs the built executable when present.
        @Test(.enabled(if: Self.executable != nil)) func rulesCommandPrintsTheRulesFile() throws {
            let process = Process()
            process.executableURL = Self.executable
            process.arguments = ["rules"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            let text = String(decoding: output, as: UTF8.self)
            #expect(text == (try TriageConfiguration.rulesText()))
            var configuration = try TriageConfiguration.defaults()
            try configuration.apply(yaml: text, path: "logtriage rules")
            #expect(configuration.userRules.count == configuration.builtInRules.count)
        }

        /// The `logtriage` binary beside the test bundle, when the build made one.
        static let executable: URL? = {
            var directory = Bundle.main.bundleURL
            for _ in 0..<3 {
                let candidate = directory.appendingPathComponent("logtriage")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   FileManager.default.isExecutableFile(atPath: candidate.path) {
                    return candidate
                }
                directory.deleteLastPathComponent()
            }
            return nil
        }()
    }
}
