import Testing
@testable import LogTriageAnalysis
@testable import LogTriageAlerts

/// A conditions file may share its settings through aliases, as many as it has conditions, but
/// a "billion laughs" in it is refused at once: as a key, Yams walked it whole while composing
/// (past 20 s), and as a value the constructor did.
@Suite("Alerts: YAML alias bombs in a conditions file")
struct AliasBombConditionsTests {
    static let laughs: String = {
        var lists = ["&a0 [" + Array(repeating: "\"lol\"", count: 10).joined(separator: ",") + "]"]
        for level in 1..<10 { lists.append("&a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",") + "]") }
        return "[" + lists.joined(separator: ", ") + "]"
    }()

    @Test(arguments: [
        ("- name: x\n  nrql: SELECT count(*) FROM Log\n  ? \(laughs)\n  : 1\n",
         "a mapping key is written with '?' in a file that uses aliases (*name)"),
        ("- name: x\n  nrql: SELECT count(*) FROM Log\n  window_s: \(laughs)\n",
         "its aliases expand it to more than \(YAMLExpansion.maximumNodes) values"),
        ("- name: x\n  nrql: SELECT count(*) FROM Log\n  window_s: 60\n  *a9 : 1\n  other: \(laughs)\n",
         "an alias (*name) is used in a mapping key"),
    ])
    func aBombIsRefused(yaml: String, reason: String) {
        let error = #expect(throws: AlertConditionsError.self) { try AlertConditionsLoader.parse(yaml, path: "alerts.yml") }
        #expect(error?.problem == .invalidYAML(reason: reason))
    }

    /// Forty conditions sharing one anchored threshold still load.
    @Test func manyAliasesOfSharedSettingsLoad() throws {
        var yaml = "- name: first\n  nrql: SELECT count(*) FROM Log\n  window_s: 300\n"
            + "  critical: &page {operator: above, threshold: 5, duration_s: 300}\n"
        for index in 0..<40 {
            yaml += "- name: c\(index)\n  nrql: SELECT count(*) FROM Log WHERE n = \(index)\n  window_s: 300\n  critical: *page\n"
        }
        let conditions = try AlertConditionsLoader.parse(yaml, path: "alerts.yml")
        #expect(conditions.count == 41)
        #expect(conditions.allSatisfy { $0.critical?.value == 5 && $0.critical?.durationSeconds == 300 })
    }

    @Test func aliasesAreToldFromKeys() {
        #expect(YAMLExpansion.keyRefusal(yaml: "a: &x 1\nb: *x\nc: [*x, *x]\nd: {e: *x}\n") == nil)
        #expect(YAMLExpansion.keyRefusal(yaml: "a: &x 1\n*x : 2\n") == "an alias (*name) is used in a mapping key")
        #expect(YAMLExpansion.keyRefusal(yaml: "a: &x 1\nb: {c: 1, *x: 2}\n") == "an alias (*name) is used in a mapping key")
        #expect(YAMLExpansion.keyRefusal(yaml: "a: &x 1\nb: [*x, {c: *x}]\n") == nil)
        #expect(YAMLExpansion.keyRefusal(yaml: "? [a]\n: 1\n") == nil)
        #expect(YAMLExpansion.keyRefusal(yaml: "nrql: 'SELECT * FROM Log'\n? [a]\n: 1\n") == nil)
    }
}
