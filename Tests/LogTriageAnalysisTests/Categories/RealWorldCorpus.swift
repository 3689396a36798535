import Foundation
import LogTriageAnalysis
import LogTriageModel

extension Categories {
    /// A labelled corpus of real error lines under `Tests/Fixtures/RealWorldErrors/` (one JSON object
    /// per line: `category`, `message`, optional `error.class`, `source`) and how the built-in rules
    /// score on it.
    ///
    /// Each line goes through the path the analyzer takes for a record with those fields: the
    /// evidence of its `error.class` and message, classified by the rules.
    struct RealWorldCorpus {
        let fileName: String

        static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/Fixtures/RealWorldErrors")

        var url: URL { Self.directory.appendingPathComponent(fileName) }
        var exists: Bool { FileManager.default.fileExists(atPath: url.path) }

        struct Line {
            let category: String
            let message: String
            let errorClass: String?
            let source: String?
        }

        func lines() throws -> (lines: [Line], skipped: Int) {
            let text = try String(contentsOf: url, encoding: .utf8)
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

        /// What the rules decided on every line of the corpus, counted per category.
        struct Measurement {
            var lines = 0
            var skipped = 0
            var total: [String: Int] = [:]
            var right: [String: Int] = [:]
            /// `expected → decided`, for the lines decided wrongly.
            var confusions: [String: Int] = [:]
            /// `expected → rule`, for the lines decided wrongly by a rule (not left unclassified).
            var decidingRules: [String: Int] = [:]

            var accuracy: Double { lines == 0 ? 0 : Double(right.values.reduce(0, +)) / Double(lines) }

            /// Overall and per-category accuracy, one line each, categories sorted.
            func summary(title: String) -> String {
                var report = "\(title): \(lines) lines (\(skipped) unreadable), accuracy \(Self.format(accuracy))\n"
                for category in total.keys.sorted() {
                    let share = Double(right[category] ?? 0) / Double(total[category]!)
                    report += "  \(category): \(right[category] ?? 0)/\(total[category]!) = \(Self.format(share))\n"
                }
                return report
            }

            /// The most frequent confusions and the rules that caused them: where the catalogue's
            /// vocabulary or order is off.
            func errorsReport(limit: Int = 12) -> String {
                var report = ""
                for (pair, count) in Self.largestFirst(confusions).prefix(limit) {
                    report += "  confused \(pair): \(count)\n"
                }
                for (pair, count) in Self.largestFirst(decidingRules).prefix(limit) {
                    report += "  decided wrongly by \(pair): \(count)\n"
                }
                return report
            }

            static func largestFirst(_ counts: [String: Int]) -> [(key: String, value: Int)] {
                counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            }

            static func format(_ value: Double) -> String { String(format: "%.3f", value) }
        }

        func measure(with rules: CategoryRules) throws -> Measurement {
            let (lines, skipped) = try lines()
            var measurement = Measurement()
            measurement.lines = lines.count
            measurement.skipped = skipped
            for line in lines {
                let evidence = ExceptionEvidence(errorClass: line.errorClass, message: line.message)
                let classification = rules.classify(evidence, service: nil)
                let decided = classification.category.rawValue
                measurement.total[line.category, default: 0] += 1
                if decided == line.category {
                    measurement.right[line.category, default: 0] += 1
                } else {
                    measurement.confusions["\(line.category) → \(decided)", default: 0] += 1
                    if let rule = classification.rule {
                        measurement.decidingRules["\(line.category) → \(rule)", default: 0] += 1
                    }
                }
            }
            return measurement
        }
    }
}
