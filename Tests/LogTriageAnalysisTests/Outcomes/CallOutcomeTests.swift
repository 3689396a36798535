import Testing
@testable import LogTriageBasics
@testable import LogTriageAnalysis
import LogTriageTestSupport

extension Outcomes {
    @Suite struct CallOutcomeTests {
        @Test("outcome decides over the level, in any case", arguments: [
            ("success", true, CallOutcome.success), ("Succeeded", true, .success), ("OK", true, .success),
            ("failure", false, .failure), ("FAILED", false, .failure), ("Error", false, .failure),
        ])
        func outcomeWins(outcome: String, isError: Bool, expected: CallOutcome) {
            #expect(CallOutcome(outcome: outcome, isError: isError) == expected)
        }

        @Test("without a recognised outcome the level decides", arguments: [
            (String?.none, true, CallOutcome.failure), (nil, false, .success),
            ("pending", true, .failure), ("pending", false, .success),
        ])
        func levelFallback(outcome: String?, isError: Bool, expected: CallOutcome) {
            #expect(CallOutcome(outcome: outcome, isError: isError) == expected)
            #expect(RecordFacts(isError: isError, outcome: outcome).callOutcome == expected)
        }

        /// The facts name their outcome once; changing the outcome or the level afterwards counts.
        @Test func factsFollowAChangedOutcomeOrLevel() {
            var facts = RecordFacts(isError: false, outcome: "ok")
            #expect(facts.callOutcome == .success)
            facts.outcome = "FAILED"
            #expect(facts.callOutcome == .failure)
            facts.outcome = nil
            #expect(facts.callOutcome == .success)
            facts.isError = true
            #expect(facts.callOutcome == .failure)
        }

        /// The byte comparison must name what `lowercased()` names, for any case, Unicode that
        /// lowercases to ASCII, and near misses.
        @Test func namesWhatLowercasingNames() {
            func reference(_ text: String) -> CallOutcome? {
                switch text.lowercased() {
                case "success", "succeeded", "ok": .success
                case "failure", "failed", "error": .failure
                default: nil
                }
            }
            var texts = ["", "o", "OK", "oK", "ok ", " ok", "o\u{212A}", "\u{212A}", "Failed", "fail", "errors", "ERROR",
                         "success\u{0}", "succeeded", "SUCCEEDED!", "ok\n", "o@", "O{", "xucceeded", "Succeeded", "\u{0}ok",
                         "succeedeD", "failurE", "fa\u{C9}led"]
            var generator = SplitMix64(seed: 7)
            let words = ["success", "succeeded", "ok", "failure", "failed", "error"]
            for _ in 0..<3_000 {
                var characters = Array(words.randomElement(using: &generator)!)
                for index in characters.indices where Bool.random(using: &generator) {
                    characters[index] = Character(characters[index].uppercased())
                }
                if Int.random(in: 0..<4, using: &generator) == 0 {
                    // A near miss: one character swapped for a neighbour of its letter or case.
                    let index = characters.indices.randomElement(using: &generator)!
                    let scalar = characters[index].unicodeScalars.first!.value
                    characters[index] = Character(Unicode.Scalar(scalar ^ [0x01, 0x20, 0x40].randomElement(using: &generator)!)!)
                }
                texts.append(String(characters))
            }
            for text in texts {
                #expect(CallOutcome.named(text) == reference(text), "\(text.debugDescription)")
            }
        }

        @Test func utcDaysFloor() {
            #expect(UTCDay.of(0) == 0)
            #expect(UTCDay.of(86_399_999) == 0)
            #expect(UTCDay.of(86_400_000) == 1)
            #expect(UTCDay.of(-1) == -1)
        }

        @Test func ratiosRoundHalfUp() {
            #expect(RatioText.text(1, of: 4) == "0.2500")
            #expect(RatioText.text(2, of: 3) == "0.6667")
            #expect(RatioText.text(1, of: 3) == "0.3333")
            #expect(RatioText.text(1, of: 20_000) == "0.0001") // 0.00005 rounds up
            #expect(RatioText.text(3, of: 3) == "1.0000")
            #expect(RatioText.text(0, of: 0) == "0.0000")
        }
    }
}
