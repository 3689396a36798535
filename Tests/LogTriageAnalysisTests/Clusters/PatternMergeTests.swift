import Foundation
import Testing
@testable import LogTriageAnalysis
@testable import LogTriageIngest
import LogTriageTestSupport

extension Clusters {
    /// Collectors that each mine some batches of a run, merged through their template journals,
    /// find what one collector reading every batch finds (`patterns --jobs`).
    @Suite struct PatternMergeTests {
        struct Message {
            var text: String
            var level: String
            var service: String
        }

        /// One collector over every message, and `parts` journaled collectors taking batches of
        /// `batchSize` in turn, merged.
        static func mined(_ messages: [Message], parts: Int, batchSize: Int, configuration: TemplateMinerConfiguration = .default,
                          journalBytes: Int = .max) throws -> (one: PatternResult, merged: PatternResult) {
            let one = PatternCollector(miner: configuration)
            var roomier = configuration
            roomier.maxTemplates = configuration.maxTemplates * 1000
            let collectors = (0..<parts).map { _ in PatternCollector(miner: roomier) }
            for collector in collectors { collector.keepJournal(byteLimit: journalBytes) }
            for (ordinal, message) in messages.enumerated() {
                let batch = ordinal / batchSize
                let collector = collectors[batch % parts]
                collector.batch = batch
                var text = message.text
                text.withUTF8 { bytes in
                    for target in [one, collector] {
                        _ = target.consume(PatternRecord(text: bytes, level: message.level, service: message.service,
                                                         time: Int64(ordinal % 977), ordinal: Int64(ordinal), file: 0,
                                                         position: .line(ordinal + 1)))
                    }
                }
            }
            return (one.finish(), try PatternCollector.finish(merging: collectors, configuration: configuration))
        }

        /// Messages whose templates only show after several values: names without digits that
        /// vary (the miner's distinct-value rule), ids and durations, phrases of other lengths,
        /// and more services than a pattern names.
        static func generatedMessages(count: Int, seed: UInt64) -> [Message] {
            var random = SplitMix64(seed: seed)
            let names = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"]
            let states = ["running", "stopped", "paused", "failed", "starting"]
            let hosts = ["web", "api", "batch", "edge", "admin", "billing"]
            let services = (0..<40).map { "service-\(UnicodeScalar(UInt8(97 + $0 % 26)))\($0 / 26 == 0 ? "" : "x")" }
            return (0..<count).map { _ in
                let text: String
                switch random.int(0...6) {
                case 0: text = "user \(random.pick(names)) logged in from \(random.pick(hosts))"
                case 1: text = "worker \(random.pick(names)) is \(random.pick(states))"
                case 2: text = "connection to db-\(random.int(1...9)) failed after \(random.int(10...900)) ms"
                case 3: text = "cupsd \(random.pick(["startup", "shutdown"])) succeeded"
                case 4: text = "job \(random.pick(hosts)) \(random.pick(states)) for account \(random.int(1000...9999)) by \(random.pick(names))"
                case 5: text = "invoice \(random.int(1...99999)) rejected: \(random.pick(["closed", "paid", "void", "disputed", "late"]))"
                default: text = "\(random.pick(hosts)) cache \(random.pick(["hit", "miss"])) ratio \(random.int(0...100))"
                }
                return Message(text: text, level: random.pick(["INFO", "WARN", "ERROR", "DEBUG", "TRACE"]),
                               service: services[random.int(0...(services.count - 1))])
            }
        }

        @Test func mergedCollectorsFindWhatOneFinds() throws {
            let messages = Self.generatedMessages(count: 6000, seed: 41)
            for parts in [2, 3, 5] {
                for batchSize in [1, 7, 100] {
                    let (one, merged) = try Self.mined(messages, parts: parts, batchSize: batchSize)
                    #expect(merged.patterns == one.patterns, "parts \(parts), batch \(batchSize)")
                    #expect(merged.overflowRecords == one.overflowRecords)
                }
            }
            let (one, _) = try Self.mined(messages, parts: 2, batchSize: 7)
            // The distinct-value rule merged names into variables, and patterns list at most 16
            // services, the first ones read, of the 40 they cover.
            #expect(one.patterns.contains { $0.template == "user <*> logged in from <*>" })
            #expect(one.patterns.count >= 7)
            #expect(one.patterns.contains { $0.services.count == PatternCollector.maxNames })
            #expect(one.patterns.map(\.count).reduce(0, +) == messages.count)
        }

        /// Loghub-2k: eight real systems' messages, each in its file order.
        @Test(.enabled(if: LoghubGroupingAccuracyTests.datasetExists, "needs ../shared/loghub-2k"))
        func mergedCollectorsFindWhatOneFindsOnLoghub() throws {
            for system in LoghubGroupingAccuracyTests.systems {
                let file = LoghubGroupingAccuracyTests.datasetDirectory
                    .appendingPathComponent("\(system)/\(system)_2k.log_structured_corrected.csv")
                let messages = LoghubCSV.records(try String(contentsOf: file, encoding: .utf8)).map {
                    Message(text: $0["Content"] ?? "", level: $0["Level"] ?? "-", service: $0["Component"] ?? "-")
                }
                #expect(messages.count == 2000, "\(system)")
                for (parts, batchSize) in [(2, 1), (4, 50), (3, 333)] {
                    let (one, merged) = try Self.mined(messages, parts: parts, batchSize: batchSize)
                    #expect(merged.patterns == one.patterns, "\(system): parts \(parts), batch \(batchSize)")
                }
            }
        }

        /// Near the template cap a collector may group what one pass would not: the merge then
        /// refuses rather than answer differently. Across these runs it must never differ.
        @Test func atTheTemplateCapTheMergeIsExactOrRefused() throws {
            var exact = 0
            var refused = 0
            for seed in UInt64(1)...12 {
                let messages = Self.generatedMessages(count: 1500, seed: seed)
                for cap in [3, 6, 12] {
                    let configuration = TemplateMinerConfiguration(maxTemplates: cap)
                    do {
                        let (one, merged) = try Self.mined(messages, parts: 3, batchSize: 5, configuration: configuration)
                        #expect(merged.patterns == one.patterns, "seed \(seed), cap \(cap)")
                        #expect(merged.overflowRecords == one.overflowRecords, "seed \(seed), cap \(cap)")
                        exact += 1
                    } catch {
                        #expect(String(describing: error).contains("template cap"))
                        refused += 1
                    }
                }
            }
            #expect(exact > 0)
            print("at the cap: \(exact) exact, \(refused) refused")
        }

        /// A journal that outgrows its bytes lets go of its messages, and the merge refuses.
        @Test func aFullJournalIsRefused() throws {
            let messages = Self.generatedMessages(count: 3000, seed: 8)
            #expect(throws: PatternMergeError.self) { try Self.mined(messages, parts: 2, batchSize: 10, journalBytes: 2000) }
            let (one, merged) = try Self.mined(messages, parts: 2, batchSize: 10, journalBytes: 1 << 20)
            #expect(merged.patterns == one.patterns)
        }

        /// The overflow pattern counts records, not the distinct messages that reached the miner.
        @Test func theOverflowCountsRecords() throws {
            let texts = ["alpha one", "beta two words", "gamma three words here"]
            let messages = (0..<30).map { Message(text: texts[$0 % 3], level: "INFO", service: "s") }
            let (one, _) = try Self.mined(messages, parts: 2, batchSize: 4, configuration: TemplateMinerConfiguration(maxTemplates: 1))
            #expect(one.overflowRecords == 20)
            #expect(one.patterns.first { $0.template == "<other templates>" }?.count == 20)
        }
    }
}
