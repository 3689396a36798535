import Testing
@testable import LogTriageModel
@testable import LogTriageAnalysis
@testable import LogTriageReports
@testable import LogTriageBasics
import LogTriageTestSupport

extension Outcomes {
    @Suite struct DeadLetterDetectorTests {
        static let policy: RetryPolicy = {
            // The shipped defaults, so the tests also check what users get.
            (try? TriageConfiguration.defaults().retryPolicy) ?? RetryPolicy()
        }()
        static let base: Int64 = 20_400 * 86_400_000
        static func id(_ number: Int) -> String { "6f1c2d3e-1111-4a2b-9c3d-00000000000\(number)" }

        static func error(_ message: String, _ category: Category, retryable: Bool?, at seconds: Int64,
                          service: String = "exporter", traceId: String? = nil) -> RecordFacts {
            RecordFacts(time: base + seconds * 1000, service: service, traceId: traceId, isError: true,
                        message: message, category: category, retryable: retryable)
        }

        static func deadLetter(_ message: String, at seconds: Int64, category: Category? = nil,
                               service: String = "exporter", traceId: String? = nil) -> RecordFacts {
            RecordFacts(time: base + seconds * 1000, service: service, traceId: traceId, isWarning: true,
                        message: message, category: category, retryable: nil)
        }

        @Test("a dead letter after a transient error with 0 retries is a mismatch; after validation it is not")
        func transientVersusValidation() throws {
            var detector = DeadLetterDetector(policy: Self.policy)
            detector.consume(Self.error("Failed to deliver message \(Self.id(1)) to biller: 503 Service Unavailable",
                                        .transient, retryable: true, at: 10))
            detector.consume(Self.error("Rejected message \(Self.id(2)): invalid account number",
                                        .validation, retryable: false, at: 11))
            detector.consume(Self.deadLetter("Message \(Self.id(1)) dead-lettered to export.dlq after 0 retries", at: 12))
            detector.consume(Self.deadLetter("Message \(Self.id(2)) sent to DLQ after 0 retries", at: 13))
            let figures = try #require(detector.services["exporter"])
            #expect(figures.deadLetters == 2)
            #expect(figures.retryMismatches == 1)
            #expect(figures.causes == [.transient: 1, .validation: 1])
            #expect(figures.deadLettersByDay == [20_400: 2])
            #expect(figures.mismatchesByDay == [20_400: 1])
            let examples = detector.topMismatches()
            #expect(examples.count == 1)
            #expect(examples.first?.category == .transient)
            #expect(examples.first?.retries == 0)
            #expect(examples.first?.messageId == Self.id(1))
            #expect(examples.first?.causeFromPrecedingError == true)
        }

        @Test("five retries before the dead letter is not a mismatch")
        func manyRetries() {
            var detector = DeadLetterDetector(policy: Self.policy)
            detector.consume(Self.error("Timeout delivering message \(Self.id(3))", .transient, retryable: true, at: 1))
            detector.consume(Self.deadLetter("message \(Self.id(3)) dead-lettered after 5 retries", at: 2))
            #expect(detector.services["exporter"]?.deadLetters == 1)
            #expect(detector.services["exporter"]?.retryMismatches == 0)
            #expect(detector.services["exporter"]?.causes == [.transient: 1])
        }

        @Test("with no preceding error the dead-letter record's own category is the cause")
        func ownCause() {
            var detector = DeadLetterDetector(policy: Self.policy)
            detector.consume(Self.deadLetter("dead-lettered to export.dlq after 0 retries: 503 Service Unavailable",
                                             at: 5, category: .transient))
            detector.consume(Self.deadLetter("dead-lettered to export.dlq after 0 retries", at: 6))
            #expect(detector.services["exporter"]?.retryMismatches == 1)
            #expect(detector.services["exporter"]?.unknownCauses == 1)
            #expect(detector.topMismatches().first?.causeFromPrecedingError == false)
        }

        @Test("the trace id links when the message carries no id; at most maxRetriesForMismatch retries")
        func traceIdLink() {
            var detector = DeadLetterDetector(policy: Self.policy)
            detector.consume(Self.error("HTTP 429 Too Many Requests", .rateLimited, retryable: nil, at: 1, traceId: "abc"))
            detector.consume(Self.deadLetter("giving up after 1 retry, moved to DLQ", at: 2, traceId: "abc"))
            detector.consume(Self.error("connection reset", .transient, retryable: true, at: 3, traceId: "def"))
            detector.consume(Self.deadLetter("giving up after 2 retries, moved to DLQ", at: 4, traceId: "def"))
            #expect(detector.services["exporter"]?.causes == [.rateLimited: 1, .transient: 1])
            #expect(detector.services["exporter"]?.retryMismatches == 1)
            #expect(detector.topMismatches().map(\.category) == [.rateLimited])
        }

        @Test("retry messages for the same id count the retries when the dead letter gives none")
        func retriesFromEvidence() {
            func run(maxRetries: Int) -> Int {
                var policy = Self.policy
                policy.maxRetriesForMismatch = maxRetries
                var detector = DeadLetterDetector(policy: policy)
                detector.consume(Self.error("timeout for messageId=ord-77", .transient, retryable: true, at: 1))
                detector.consume(RecordFacts(time: Self.base + 2000, service: "exporter",
                                             message: "retry attempt 1 of 3 for messageId=ord-77"))
                detector.consume(RecordFacts(time: Self.base + 3000, service: "exporter",
                                             message: "Retry attempt 2 of 3 for messageId=ord-77"))
                detector.consume(Self.deadLetter("messageId=ord-77 sent to DLQ", at: 4))
                #expect(detector.services["exporter"]?.retries == 2)
                return detector.services["exporter"]?.retryMismatches ?? -1
            }
            #expect(run(maxRetries: 1) == 0)
            #expect(run(maxRetries: 2) == 1)
        }

        @Test("an unknown retry count is never a mismatch")
        func unknownRetries() {
            var detector = DeadLetterDetector(policy: Self.policy)
            detector.consume(Self.error("timeout for message \(Self.id(4))", .transient, retryable: true, at: 1))
            detector.consume(Self.deadLetter("message \(Self.id(4)) sent to DLQ", at: 2))
            #expect(detector.services["exporter"]?.deadLetters == 1)
            #expect(detector.services["exporter"]?.retryMismatches == 0)
        }

        @Test("an error more than an hour before the dead letter is not its cause")
        func window() {
            var detector = DeadLetterDetector(policy: Self.policy)
            detector.consume(Self.error("timeout for message \(Self.id(5))", .transient, retryable: true, at: 0))
            detector.consume(Self.deadLetter("message \(Self.id(5)) sent to DLQ after 0 retries", at: 3_601))
            #expect(detector.services["exporter"]?.unknownCauses == 1)
            #expect(detector.services["exporter"]?.retryMismatches == 0)
        }

        @Test("the recent-error map stays within its capacity")
        func bounded() {
            var detector = DeadLetterDetector(policy: Self.policy, recentErrorCapacity: 10)
            for index in 0..<1_000 {
                detector.consume(Self.error("timeout for messageId=m\(index)", .transient, retryable: true, at: Int64(index)))
            }
            #expect(detector.rememberedIds == 10)
            detector.consume(Self.deadLetter("messageId=m999 sent to DLQ after 0 retries", at: 1_000))
            detector.consume(Self.deadLetter("messageId=m0 sent to DLQ after 0 retries", at: 1_001))
            #expect(detector.services["exporter"]?.retryMismatches == 1)
            #expect(detector.services["exporter"]?.unknownCauses == 1)
        }

        @Test("mismatch examples are grouped, counted and bounded; services.csv shows the counts")
        func examplesAndTable() {
            var detector = DeadLetterDetector(policy: Self.policy, maxExampleGroups: 2)
            for (index, service) in ["a", "a", "a", "b", "c"].enumerated() {
                detector.consume(Self.deadLetter("dead-lettered after 0 retries: 503 (\(index))", at: Int64(10 - index),
                                                 category: .transient, service: service))
            }
            let top = detector.topMismatches(limit: 5)
            #expect(top.count == 2)
            #expect(top[0].service == "a" && top[0].count == 3)
            #expect(top[0].message == "dead-lettered after 0 retries: 503 (2)") // the earliest by time
            #expect(detector.totalMismatches == 5)
            var services = ServiceStats()
            services.consume(RecordFacts(service: "a", sourceId: "s"))
            let rows = ServicesTable.table(for: services, deadLetters: detector).rows
            #expect(rows.map { $0[0] } == ["a", "b", "c"])
            #expect(rows[0][5] == "3" && rows[0][6] == "3")
            #expect(rows[2][1] == "0" && rows[2][5] == "1")
        }

        @Test("merging carries remembered errors across halves")
        func merge() {
            var first = DeadLetterDetector(policy: Self.policy)
            var second = DeadLetterDetector(policy: Self.policy)
            first.consume(Self.error("timeout for message \(Self.id(6))", .transient, retryable: true, at: 1))
            first.consume(Self.deadLetter("dead-lettered after 0 retries: 503", at: 2, category: .transient))
            second.consume(Self.deadLetter("dead-lettered after 0 retries: 503", at: 3, category: .transient))
            first.merge(second)
            #expect(first.totalDeadLetters == 2)
            #expect(first.topMismatches().first?.count == 2)
            first.consume(Self.deadLetter("message \(Self.id(6)) sent to DLQ after 1 retry", at: 4))
            #expect(first.services["exporter"]?.causes[.transient] == 3)
            #expect(first.totalMismatches == 3)
        }

        /// The recent-error entry keeps its absent fields as values no record gives: every
        /// field reads back as written, absent ones as absent, and the entry stays small (its
        /// table at capacity is most of the detector's memory).
        @Test("a recent-error entry reads back every field as written, in 26 bytes")
        func recentErrorEntriesArePacked() {
            for time: Int64? in [nil, 0, -62_135_596_800_000, Self.base, .max] {
                for retries: Int? in [nil, 0, 3, .max] {
                    for category: Category? in [nil, .transient, .other] {
                        for retryable: Bool? in [nil, false, true] {
                            var entry = RecentErrorMap.Entry(category: category, retryable: retryable, time: time, retries: retries)
                            #expect(entry.time == time && entry.retries == retries)
                            #expect(entry.category == category && entry.retryable == retryable)
                            entry.time = nil
                            entry.retries = nil
                            #expect(entry == RecentErrorMap.Entry(category: category, retryable: retryable))
                        }
                    }
                }
            }
            #expect(MemoryLayout<RecentErrorMap.Entry?>.size == 26)
        }

        @Test("an id's key is the FNV-1a of its prefixed text, as when ids were kept as \"m:\" and \"t:\" strings")
        func keysAreThePrefixedFingerprints() {
            func fnv(_ text: String) -> UInt64 {
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
                return hash
            }
            for id in ["", Self.id(1), "trace-ä-🙂", String(repeating: "x", count: 300)] {
                #expect(RecentErrorMap.key(.messageId, id) == fnv("m:" + id))
                #expect(RecentErrorMap.key(.traceId, id) == fnv("t:" + id))
            }
            let facts = RecordFacts(time: Self.base, service: "exporter", traceId: "abc", isError: true,
                                    message: "failed", category: .transient, retryable: true)
            let event = DeadLetterEvent(facts: facts, evidence: RetryEvidence(messageId: "m-1"), message: "failed", exampleLength: 10)
            #expect(Array(event.keys) == [fnv("m:m-1"), fnv("t:abc")])
            #expect(event.evidence.messageId == nil)
        }
    }
}
