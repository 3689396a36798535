import Testing
@testable import LogTriageModel
@testable import LogTriageAnalysis

@Suite("Alerts: the alerts: section of triage.yml")
struct AlertTuningConfigurationTests {
    func configuration(_ yaml: String) throws -> TriageConfiguration {
        var configuration = try TriageConfiguration.defaults()
        try configuration.apply(yaml: yaml, path: "triage.yml")
        return configuration
    }

    @Test func theDefaultsFileStatesTheBuiltInTuning() throws {
        #expect(try TriageConfiguration.defaults().alertTuning == AlertTuning())
    }

    @Test func userValuesReplaceDefaultsPerKey() throws {
        let tuning = try configuration("""
            alerts:
              minimumVolume: 50
              windowChoicesSeconds: [900, 300]
              quietPercentile: 95
            """).alertTuning
        var expected = AlertTuning()
        expected.minimumVolume = 50
        expected.windowChoicesSeconds = [300, 900]
        expected.quietPercentile = 95
        #expect(tuning == expected)
    }

    @Test(arguments: [
        ("alerts:\n  minimumVolume: 0", "alerts.minimumVolume"),
        ("alerts:\n  quietPercentile: 120", "alerts.quietPercentile"),
        ("alerts:\n  windowChoicesSeconds: [60]", "alerts.windowChoicesSeconds"),
        ("alerts:\n  threshold: 5", "alerts.threshold"),
        ("alerts: 5", "'alerts'"),
    ])
    func invalidValuesNameTheKey(yaml: String, key: String) {
        var text: String?
        do { _ = try configuration(yaml) } catch { text = (error as? ConfigurationError)?.description }
        #expect(text?.contains(key) == true, "\(text ?? "no error")")
    }
}
