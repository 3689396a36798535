import Testing
@testable import LogTriageAnalysis
import LogTriageTestSupport

extension Outcomes {
    @Suite struct RetryEvidenceTests {
        static let scanner = RetryEvidence.Scanner(policy: (try? TriageConfiguration.defaults().retryPolicy) ?? RetryPolicy())

        /// The plain reading of a phrase, to compare the scanner with: at every position where
        /// its first piece occurs in `lowercased`, each `{n}` one or more digits followed by the
        /// next piece; the first such place decides, with its first number.
        static func plainMatch(_ pattern: EvidencePattern, _ lowercased: [UInt8]) -> (matched: Bool, number: Int?) {
            let pieces = pattern.pieces
            func occurs(_ piece: [UInt8], at position: Int) -> Bool {
                position + piece.count <= lowercased.count && Array(lowercased[position..<(position + piece.count)]) == piece
            }
            for start in 0...lowercased.count where occurs(pieces[0], at: start) {
                var position = start + pieces[0].count
                var number: Int?
                var matched = true
                for piece in pieces.dropFirst() {
                    var value = 0
                    let digitsStart = position
                    while position < lowercased.count, (0x30...0x39).contains(lowercased[position]) {
                        if value < 1_000_000_000 { value = value * 10 + Int(lowercased[position] - 0x30) }
                        position += 1
                    }
                    guard position > digitsStart, occurs(piece, at: position) else {
                        matched = false
                        break
                    }
                    if number == nil { number = value }
                    position += piece.count
                }
                if matched { return (true, number) }
            }
            return (false, nil)
        }

        @Test("dead-letter and retry evidence, with the retry count", arguments: [
            ("dead-lettered to export.dlq after 0 retries: 503 Service Unavailable", true, true, 0 as Int?),
            ("Message sent to DLQ", true, false, nil),
            ("moving to dead letter queue", true, false, nil),
            ("giving up after 1 retry", false, true, 1),
            ("delivery failed after 12 retries", false, true, 12),
            ("Retry attempt 2 of 5", false, true, 2),
            ("attempt 3 of 4 failed", false, true, 3),
            ("requeued message for redelivery", false, true, nil),
            ("after many retries", false, false, nil),
            ("invoice valid, all good", false, false, nil),
        ])
        func evidence(message: String, deadLetter: Bool, retry: Bool, count: Int?) {
            let evidence = Self.scanner.scan(message)
            #expect(evidence.isDeadLetter == deadLetter)
            #expect(evidence.isRetry == retry)
            #expect(evidence.retryCount == count)
        }

        @Test("message ids: the first UUID or id= token", arguments: [
            ("msg 6F1C2D3E-1111-4A2B-9C3D-000000000001 failed", "6f1c2d3e-1111-4a2b-9c3d-000000000001" as String?),
            ("messageId=abc-123, status=failed", "abc-123"),
            ("delivery for msg_id: q-9. retrying", "q-9"),
            (#"{"message_id":"q-10","x":1}"#, "q-10"),
            ("orderId=77 for 6f1c2d3e-1111-4a2b-9c3d-000000000002", "77"),
            ("payload valid: yes, paid=3", nil),
            ("x6f1c2d3e-1111-4a2b-9c3d-000000000001 is not a uuid on its own", nil),
            ("nothing here", nil),
        ])
        func messageIds(message: String, expected: String?) {
            #expect(MessageIdentifier.first(in: message) == expected)
        }

        /// Short messages are searched directly, long ones (512 bytes and more) through their
        /// trigram filter first: both must find exactly what a plain search of every pattern
        /// finds, wherever the phrase sits, in any case, and with text cut at 4 KiB.
        @Test("the scan finds what a plain search of each pattern finds, short or long", arguments: [0, 1, 2, 3])
        func scanEqualsPlainSearch(seed: Int) throws {
            var random = SplitMix64(seed: UInt64(seed))
            let policy = try TriageConfiguration.defaults().retryPolicy
            let phrases = ["sent to DLQ", "Dead-Letter", "requeue", "Retry attempt 4 of 9", "after 3 retries",
                           "retried 12 times", "attempt 2 of 5", "after retries", "dead letter", "id=m-\(seed)",
                           "6f1c2d3e-1111-4a2b-9c3d-00000000000\(seed)"]
            for _ in 0..<300 {
                var parts: [String] = []
                for _ in 0..<random.int(0...6) {
                    parts.append(random.chance(40) ? random.pick(phrases)
                        : String(repeating: random.pick(["word ", "x9 ", "É ", "retry ", "dead "]), count: random.int(1...140)))
                }
                let message = parts.joined(separator: random.pick([" ", ": ", "\n"]))
                let evidence = Self.scanner.scan(message)
                let cut = TextLimits.prefix(message, bytes: TextLimits.ruleTextBytes)
                let lowercased = EvidencePattern.lowercasedBytes(cut)
                var expected = RetryEvidence()
                for text in policy.deadLetterPatterns {
                    guard let match = EvidencePattern(text).map({ Self.plainMatch($0, lowercased) }), match.matched else { continue }
                    expected.isDeadLetter = true
                    if expected.retryCount == nil { expected.retryCount = match.number }
                }
                for text in policy.retryPatterns {
                    guard let match = EvidencePattern(text).map({ Self.plainMatch($0, lowercased) }), match.matched else { continue }
                    expected.isRetry = true
                    if expected.retryCount == nil { expected.retryCount = match.number }
                }
                expected.messageId = MessageIdentifier.first(in: cut)
                #expect(evidence == expected, "\(message.utf8.count) bytes: \(message.prefix(120))")
            }
        }

        /// The filter that spares most messages the search of every phrase says "no" only
        /// where no phrase matches (read plainly), and does say it for messages without them.
        @Test("the phrase filter never passes over a message a phrase matches", arguments: [0, 1, 2])
        func phraseFilterHasNoFalseNo(seed: Int) throws {
            var random = SplitMix64(seed: UInt64(seed))
            let texts = ["connection {n} lost", "gave up after {n} tries", "Poison message", "{n} redeliveries",
                         "parked in quarantine"]
            let patterns = texts.compactMap(EvidencePattern.init)
            let filter = try #require(PhraseFilter(phrases: patterns))
            let pieces = ["connection 7 lost", "gave up after 12 tries", "POISON MESSAGE", "3 redeliveries",
                          "parked in quarantine", "conn", "lost", "tries", "poiso", "quar", "redeliver", "park",
                          "timeout", "É", "x", " ", "\n", "connection lost", "gave up after tries"]
            var matched = 0, passedOver = 0
            for _ in 0..<2_000 {
                let message = (0..<random.int(0...8)).map { _ in random.pick(pieces) }.joined(separator: random.pick(["", " "]))
                let lowercased = EvidencePattern.lowercasedBytes(message)
                let anyMatch = patterns.contains { Self.plainMatch($0, lowercased).matched }
                let mayMatch = lowercased.withUnsafeBufferPointer { filter.mayMatch($0) }
                if anyMatch {
                    matched += 1
                    #expect(mayMatch, "\(message)")
                }
                if !mayMatch { passedOver += 1 }
            }
            #expect(matched > 200 && passedOver > 200)
            // A phrase without a piece of four bytes leaves every message to the search.
            #expect(PhraseFilter(phrases: ["dlq", "{n} try"].compactMap(EvidencePattern.init)) == nil)
        }

        /// The compiled set against each phrase read plainly (``plainMatch(_:_:)``), for phrases the
        /// defaults do not have: starting or ending with `{n}`, two `{n}` side by side, one
        /// byte long, repeated pieces; on messages short and long (with the trigram filter).
        @Test(arguments: [0, 1, 2])
        func compiledPhrasesMatchAsEachPatternDoes(seed: Int) {
            var random = SplitMix64(seed: UInt64(100 + seed))
            let texts = ["{n} retries", "attempt {n}", "{n}/{n}", "x{n}{n}y", "a", "ab{n}ab", "try {n} of {n} at {n}",
                         "DLQ", "dead letter", "é{n}"]
            let patterns = texts.compactMap(EvidencePattern.init)
            #expect(patterns.count == texts.count)
            let set = EvidencePatternSet(patterns)
            #expect(set.count == patterns.count)
            let fragments = ["retries", "attempt", "/", "x", "y", "ab", "try", " of ", " at ", "dlq", "dead letter", "é",
                             "12", "7", "0", "999999999999", " ", "a"]
            for _ in 0..<2_000 {
                var message = ""
                for _ in 0..<random.int(0...(random.chance(20) ? 400 : 12)) { message += random.pick(fragments) }
                let lowercased = EvidencePattern.lowercasedBytes(message)
                lowercased.withUnsafeBufferPointer { bytes in
                    let trigrams = TrigramFilter(bytes)
                    for (index, pattern) in patterns.enumerated() {
                        let expected = Self.plainMatch(pattern, lowercased)
                        let plain = set.match(index, in: bytes, trigrams: nil)
                        let filtered = set.match(index, in: bytes, trigrams: trigrams)
                        #expect(plain.matched == expected.matched && plain.number == expected.number, "\(pattern) in \(message)")
                        #expect(filtered.matched == expected.matched && filtered.number == expected.number, "\(pattern) in \(message)")
                    }
                }
            }
        }

        @Test("phrases need literal text; {n} needs digits")
        func patterns() throws {
            #expect(EvidencePattern("") == nil)
            #expect(EvidencePattern("{n}") == nil)
            let phrases = EvidencePatternSet([try #require(EvidencePattern("{n} retries"))])
            func match(_ message: String) -> (matched: Bool, number: Int?) {
                EvidencePattern.lowercasedBytes(message).withUnsafeBufferPointer { phrases.match(0, in: $0, trigrams: nil) }
            }
            #expect(match("Gave up: 7 RETRIES") == (true, 7))
            #expect(match("n retries") == (false, nil))
        }
    }
}
