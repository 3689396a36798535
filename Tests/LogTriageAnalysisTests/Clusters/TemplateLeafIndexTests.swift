import Foundation
@testable import LogTriageAnalysis
import Testing
import LogTriageTestSupport

extension Clusters {
    /// The leaf postings (``TemplateLeaf``) only narrow which templates are compared: a miner
    /// that searches them must give every message the same template as one that scans every
    /// leaf in full, and the search must keep many distinct messages linear.
    @Suite struct TemplateLeafIndexTests {
        /// Mines `messages` twice, searching postings from leaves of `indexFrom` templates and
        /// never; returns both miners' final template text per message and their template lists.
        /// The first message whose template differs between the two miners, if any.
        static func firstDifference(_ result: (searched: [String], scanned: [String], searchedList: [String], scannedList: [String]))
            -> String? {
            zip(result.searched, result.scanned).enumerated().first { $0.element.0 != $0.element.1 }
                .map { "message \($0.offset): \($0.element.0) vs \($0.element.1)" }
        }

        static func bothWays(_ messages: [String], indexFrom: Int = 2)
            -> (searched: [String], scanned: [String], searchedList: [String], scannedList: [String]) {
            let searched = TemplateMiner(configuration: .default, indexLeavesFrom: indexFrom)
            let scanned = TemplateMiner(configuration: .default, indexLeavesFrom: .max)
            let searchedIDs = messages.map { searched.add($0) }
            let scannedIDs = messages.map { scanned.add($0) }
            return (searchedIDs.map { searched.template(of: $0) }, scannedIDs.map { scanned.template(of: $0) },
                    searched.templates.map { "\($0.count) \($0.template)" }, scanned.templates.map { "\($0.count) \($0.template)" })
        }

        /// Messages of a few leaves (lengths 6 to 9, one first word): sixty phrases, each message
        /// one of them, now and then with one of its first three words changed to an id (masked to
        /// `<*>`), a `uid=` value or another word. Merges, partial holes and sibling positions come in every order.
        static func generatedMessages(seed: UInt64, count: Int) -> [String] {
            var state = seed &+ 0x9E37_79B9_7F4A_7C15
            func next(_ bound: Int) -> Int {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int((state >> 33) % UInt64(bound))
            }
            let vocabulary = (0..<30).map { "w\(Character(UnicodeScalar(UInt8(97 + $0 % 26))))\(String(repeating: "x", count: $0 / 26))" }
            let phrases = (0..<60).map { _ in ["Failure"] + (1..<(6 + next(4))).map { _ in vocabulary[next(vocabulary.count)] } }
            return (0..<count).map { _ in
                var words = phrases[next(phrases.count)]
                for _ in 0..<(next(4) == 0 ? 1 : 0) {
                    let position = 1 + next(3)
                    switch next(3) {
                    case 0: words[position] = "id-\(next(1000))"
                    case 1: words[position] = "uid=\(vocabulary[next(3)])"
                    default: words[position] = vocabulary[next(vocabulary.count)]
                    }
                }
                return words.joined(separator: " ")
            }
        }

        @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
        func searchingPostingsGivesTheTemplatesOfAFullScan(seed: UInt64) {
            let messages = Self.generatedMessages(seed: seed, count: 1500)
            let result = Self.bothWays(messages)
            #expect(Self.firstDifference(result) == nil)
            #expect(result.searchedList == result.scannedList)
            #expect(result.scannedList.count > 40, "the messages must make many templates for the comparison to mean anything")
        }

        @Test(.enabled(if: LoghubGroupingAccuracyTests.datasetExists, "needs ../shared/loghub-2k"),
              arguments: LoghubGroupingAccuracyTests.systems)
        func searchingPostingsGivesTheTemplatesOfAFullScanOnLoghub(system: String) throws {
            let file = LoghubGroupingAccuracyTests.datasetDirectory
                .appendingPathComponent("\(system)/\(system)_2k.log_structured_corrected.csv")
            let messages = LoghubCSV.records(try String(contentsOf: file, encoding: .utf8)).map { $0["Content"] ?? "" }
            let result = Self.bothWays(messages)
            #expect(Self.firstDifference(result) == nil)
            #expect(result.searchedList == result.scannedList)
        }

        /// Long distinct sentences (each cut to one `<*>` past the token limit) all land in one
        /// leaf, where every template holds a `<*>`: the case the postings are for.
        @Test func distinctLongMessagesStayDistinctTemplates() {
            var state: UInt64 = 13
            func word() -> String {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let letters = Array("abcdefghijklmnopqrstuvwxyz")
                return String((0..<(3 + Int(state >> 61))).map { letters[Int((state >> UInt64(8 + 5 * $0)) % 26)] })
            }
            let messages = (0..<400).map { _ in "Payment failed: " + (0..<80).map { _ in word() }.joined(separator: " ") }
            let result = Self.bothWays(messages)
            #expect(Self.firstDifference(result) == nil)
            #expect(Set(result.searched).count == Set(messages).count)
        }
    }
}
