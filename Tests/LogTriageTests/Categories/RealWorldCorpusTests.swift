import Foundation
import LogTriageAnalysis
import Testing
import LogTriageModel

extension Categories {
    /// Category accuracy on real error lines from public projects (`Tests/Fixtures/RealWorldErrors/errors.jsonl`,
    /// one JSON object per line: `category`, `message`, optional `error.class`, `source`).
    ///
    /// Each line goes through the path the analyzer takes for a record with those fields: the
    /// evidence of its `error.class` and message, classified by the built-in rules. The corpus
    /// guides the rules; no rule quotes its lines. Skipped when the file is absent.
    @Suite struct RealWorldCorpusTests {
        static let corpusURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/Fixtures/RealWorldErrors/errors.jsonl")
        static var corpusExists: Bool { FileManager.default.fileExists(atPath: corpusURL.path) }

        /// Below this overall accuracy the built-in catalogue has regressed.
        static let accuracyFloor = 0.83

        struct Line {
            let category: String
            let message: String
            let errorClass: String?
            let source: String?
        }

        static func lines() throws -> (lines: [Line], skipped: Int) {
            let text = try String(contentsOf: corpusURL, encoding: .utf8)
            var lines: [Line] = []
            var skipped = 0
            for raw in text.split(whereSeparator: \.isNewline) where !raw.trimmingCharacters(in: .whitespaces).isEmpty {
                guard let object = try? JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any],
                      let category = object["category"] as? String, let message = object["message"] as? String else {
                    skipped += 1
                    continue
                }
                let errorClass = (object["error.class"] as? String) ?? ((object["error"] as? [String: Any])?["class"] as? String)
                lines.append(Line(category: category, message: message, errorClass: errorClass, source: object["source"] as? String))
            }
            return (lines, skipped)
        }

        @Test(.enabled(if: corpusExists, "needs Tests/Fixtures/RealWorldErrors/errors.jsonl"))
        func accuracyPerCategoryIsAboveTheFloor() throws {
            let rules = try TriageConfiguration.defaults().categoryRules
            let (lines, skipped) = try Self.lines()
            try #require(!lines.isEmpty)
            var total: [String: Int] = [:]
            var right: [String: Int] = [:]
            var confusions: [String: Int] = [:]
            var deciding: [String: Int] = [:]
            for line in lines {
                let evidence = ExceptionEvidence(errorClass: line.errorClass, message: line.message)
                let classification = rules.classify(evidence, service: nil)
                let decided = classification.category.rawValue
                total[line.category, default: 0] += 1
                if decided == line.category {
                    right[line.category, default: 0] += 1
                } else {
                    confusions["\(line.category) → \(decided)", default: 0] += 1
                    deciding["\(line.category) → \(classification.rule ?? "unclassified")", default: 0] += 1
                }
            }
            let correct = right.values.reduce(0, +)
            let accuracy = Double(correct) / Double(lines.count)
            var report = "real-world corpus: \(lines.count) lines (\(skipped) unreadable), accuracy \(Self.format(accuracy))\n"
            for category in total.keys.sorted() {
                let share = Double(right[category] ?? 0) / Double(total[category]!)
                report += "  \(category): \(right[category] ?? 0)/\(total[category]!) = \(Self.format(share))\n"
            }
            for (pair, count) in confusions.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }).prefix(12) {
                report += "  confused \(pair): \(count)\n"
            }
            // Which rules decided wrongly: where the catalogue's vocabulary or order is off.
            for (pair, count) in deciding.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }).prefix(12) where !pair.hasSuffix("unclassified") {
                report += "  decided wrongly by \(pair): \(count)\n"
            }
            print(report, terminator: "")
            #expect(accuracy >= Self.accuracyFloor, "\(report)")
        }

        static func format(_ value: Double) -> String { String(format: "%.3f", value) }
    }
}
