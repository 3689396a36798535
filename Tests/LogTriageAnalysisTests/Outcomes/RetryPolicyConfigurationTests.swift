import Testing
@testable import LogTriageAnalysis
import LogTriageTestSupport

extension Outcomes {
    @Suite struct RetryPolicyConfigurationTests {
        func error(_ yaml: String) -> ConfigurationError? {
            do {
                var configuration = try TriageConfiguration.defaults()
                try configuration.apply(yaml: yaml, path: "triage.yml")
                return nil
            } catch {
                return error as? ConfigurationError
            }
        }

        @Test func defaultsShipTheRetriesSection() throws {
            let policy = try TriageConfiguration.defaults().retryPolicy
            #expect(policy.deadLetterPatterns.contains("sent to DLQ"))
            #expect(policy.retryPatterns.contains("after {n} retries"))
            #expect(policy.maxRetriesForMismatch == 1)
            #expect(policy.rareSourceIdRatio == 0.9)
        }

        @Test func userValuesReplaceTheDefaults() throws {
            var configuration = try TriageConfiguration.defaults()
            try configuration.apply(yaml: """
                retries:
                  deadLetter: ["parked in DLQ"]
                  maxRetriesForMismatch: 3
                """, path: "triage.yml")
            #expect(configuration.retryPolicy.deadLetterPatterns == ["parked in DLQ"])
            #expect(configuration.retryPolicy.maxRetriesForMismatch == 3)
            #expect(configuration.retryPolicy.retryPatterns == (try TriageConfiguration.defaults().retryPolicy.retryPatterns))
            #expect(configuration.retryPolicy.rareSourceIdRatio == 0.9)
        }

        @Test("invalid values name their key", arguments: [
            ("retries:\n  maxRetriesForMismatch: -1\n", "retries.maxRetriesForMismatch"),
            ("retries:\n  rareSourceIdRatio: 1.5\n", "retries.rareSourceIdRatio"),
            ("retries:\n  retry: [\"requeue\", \"{n}\"]\n", "retries.retry[1]"),
            ("retries:\n  deadLetter: [\"\"]\n", "retries.deadLetter[0]"),
        ])
        func invalidValues(yaml: String, key: String) {
            guard case let .invalidValue(path, reported, _)? = error(yaml) else {
                Issue.record("expected an invalid value for \(key)")
                return
            }
            #expect(path == "triage.yml")
            #expect(reported == key)
            #expect(error(yaml)?.description.contains("'\(key)'") == true)
        }

        @Test func unknownKeysUnderRetriesAreRejected() {
            guard case let .unknownKey(_, key, _)? = error("retries:\n  maxRetries: 2\n") else {
                Issue.record("expected an unknown key")
                return
            }
            #expect(key == "retries.maxRetries")
            #expect(error("retries:\n  maxRetriesForMismatch: many\n") != nil)
        }
    }
}
