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
