import Testing
@testable import LogTriageAnalysis
import LogTriageBasics
import LogTriageTestSupport

extension Outcomes {
    /// Whether a record that is neither an error nor a warning keeps its message for the
    /// dead-letter detector: one pass over the message must answer what a search for each
    /// word answers.
    @Suite struct RetryMentionTests {
        static let words: [StaticString] = ["retry", "retri", "DLQ", "dead", "Dead", "requeue"]

        static func searchedWordByWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let base = bytes.baseAddress else { return false }
            return words.contains { ByteSearch.first($0, in: base, base + bytes.count) != nil }
        }

        @Test("words, their fragments and their cases", arguments: [
            ("moved to DLQ", true), ("DL", false), ("dlq", false), ("Retry later", false), ("will retry", true),
            ("retried twice", true), ("retr", false), ("requeued", true), ("requeu", false), ("a dead end", true),
            ("Dead letter", true), ("DEAD", false), ("ret", false), ("", false), ("re", false), ("deadline", true),
        ])
        func knownMessages(message: String, mentions: Bool) {
            var text = message
            let found = text.withUTF8 { OutcomeFigures.mentionsRetryOrDeadLetter($0) }
            #expect(found == mentions, "\(message)")
        }

        @Test(arguments: [1, 2, 3])
        func onePassEqualsASearchPerWord(seed: Int) {
            var random = SplitMix64(seed: UInt64(seed))
            let pieces = ["re", "ret", "retr", "retry", "retri", "requ", "requeue", "d", "de", "dea", "dead", "D", "De",
                          "Dea", "Dead", "DL", "DLQ", "r", "x", "é", " ", "\\n", "\""]
            var mentioned = 0
            for _ in 0..<2_000 {
                var message = ""
                for _ in 0..<random.int(0...12) { message += random.pick(pieces) }
                let (found, expected) = message.utf8.withContiguousStorageIfAvailable {
                    (OutcomeFigures.mentionsRetryOrDeadLetter($0), Self.searchedWordByWord($0))
                } ?? (false, true)
                if expected { mentioned += 1 }
                #expect(found == expected, "\(message)")
            }
            // Both answers occur often, so the comparison tests something either way.
            #expect(mentioned > 200 && mentioned < 1_800)
        }
    }
}
