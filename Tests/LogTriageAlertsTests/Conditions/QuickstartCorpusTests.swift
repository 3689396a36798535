import Foundation
import Testing
@testable import LogTriageAlerts

/// New Relic's own public alert conditions (newrelic-quickstarts `alert-policies/`, a copy
/// in `../shared`): every condition loads or is refused with the construct named, and every
/// policy is reviewed whole. Skipped when `../shared` is absent.
@Suite("Alerts: the quickstart alert-policy corpus")
struct QuickstartCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/newrelic-quickstarts-alerts/alert-policies").path

    static var available: Bool { FileManager.default.fileExists(atPath: corpus) }

    @Test("at least 99% of the conditions load; the rest are refused naming the construct", .enabled(if: available))
    func loadRate() throws {
        let conditions = try AlertConditionsLoader.load(path: Self.corpus)
        #expect(conditions.count >= 700)
        var loaded = 0
        var backtestable = 0
        var refusals: [String: Int] = [:]
        var nrqlErrors: [String] = []
        for condition in conditions {
            // Every query that parses prints in a canonical form that parses back to it.
            if let query = try? NRQLQuery.parse(condition.nrql, condition: condition.name) {
                #expect((try? NRQLQuery.parse(query.description, condition: condition.name)) == query,
                        "\(condition.name): \(query)")
            }
            switch ConditionRefusal.check(condition) {
            case let .success(query):
                loaded += 1
                backtestable += 1
                #expect(query.eventTypes == [NRQLQuery.logEventType])
            case let .failure(refusal):
                refusals[refusal.kind, default: 0] += 1
                if case .invalidNRQL = refusal {
                    nrqlErrors.append("\(condition.name): \(refusal) — \(condition.nrql)")
                    // The message names a construct, never only a character.
                    #expect(!refusal.description.contains("unexpected character"), "\(condition.name): \(refusal)")
                } else if case .unusableSetting = refusal {
                    nrqlErrors.append("\(condition.name): \(refusal)")
                } else {
                    loaded += 1
                }
            }
        }
        let summary = "\(conditions.count) conditions, \(loaded) load, \(backtestable) backtestable, refused: "
            + refusals.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("quickstart corpus: \(summary)")
        for line in nrqlErrors { print("  not loaded: \(line)") }
        #expect(loaded * 100 >= conditions.count * 99, "\(summary)")
        // Every FROM Log condition is backtested.
        let logConditions = conditions.filter { (try? NRQLQuery.parse($0.nrql, condition: $0.name))?.eventTypes == ["Log"] }
        #expect(backtestable == logConditions.filter { $0.type == .static }.count)
    }
}
