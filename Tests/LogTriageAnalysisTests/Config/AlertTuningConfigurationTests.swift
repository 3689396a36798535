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

    /// A window listed again is tuned once (5,000 copies of one window took a minute).
    @Test func repeatedWindowChoicesCountOnce() throws {
        let yaml = "alerts:\n  windowChoicesSeconds: [\(Array(repeating: "600", count: 5_000).joined(separator: ", ")), 300]"
        #expect(try configuration(yaml).alertTuning.windowChoicesSeconds == [300, 600])
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
        // Beyond these the proposals' time arithmetic overflowed (a hostile-input hunt).
        ("alerts:\n  windowChoicesSeconds: [300000000000000000]", "alerts.windowChoicesSeconds"),
        ("alerts:\n  windowChoicesSeconds: [\((1...13).map { String($0 * 300) }.joined(separator: ", "))]",
         "alerts.windowChoicesSeconds"),
        ("alerts:\n  episodeGapWindows: 30744573456183", "alerts.episodeGapWindows"),
        ("alerts:\n  criticalMaxWindowSeconds: 9223372036854775807", "alerts.criticalMaxWindowSeconds"),
        ("alerts:\n  detectionTargetMinutes: {critical: 153722867280913}", "alerts.detectionTargetMinutes.critical"),
        ("alerts:\n  threshold: 5", "alerts.threshold"),
        ("alerts: 5", "'alerts'"),
    ])
    func invalidValuesNameTheKey(yaml: String, key: String) {
        var text: String?
        do { _ = try configuration(yaml) } catch { text = (error as? ConfigurationError)?.description }
        #expect(text?.contains(key) == true, "\(text ?? "no error")")
    }
}
