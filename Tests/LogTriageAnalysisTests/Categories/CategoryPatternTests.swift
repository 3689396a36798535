@testable import LogTriageAnalysis
import Testing
import LogTriageModel

extension Categories {
    @Suite struct CategoryPatternTests {
        @Test(arguments: [
            ("SocketTimeoutException", "SocketTimeoutException", true),
            ("*TimeoutException", "SocketTimeoutException", true),
            ("*TimeoutException", "TimeoutException", true),
            ("*TimeoutException", "TimeoutExceptionWrapper", false),
            ("HttpServerErrorException$*", "HttpServerErrorException$BadGateway", true),
            ("billing-*-api", "billing-eu-api", true),
            ("billing-*-api", "billing-api", false),
            ("a*b*c", "axxbyyc", true),
            ("a*b*c", "acb", false),
            ("exact", "Exact", false),
            ("*err*", "my_error_code", true),
            ("a*bc*bc", "abcbc", true),
            ("a*bc*bc", "abc", false),
            ("*a**b*", "xxaxxbxx", true),
            ("*a**b*", "xxbxxaxx", false),
        ])
        func wildcard(pattern: String, name: String, matches: Bool) {
            let wildcard = WildcardPattern(pattern)
            #expect(wildcard.matches(name) == matches)
            // A substring and a slice in the middle of a longer buffer answer the same.
            let padded = "<<" + name + ">>"
            #expect(wildcard.matches(padded.dropFirst(2).dropLast(2)) == matches)
            #expect(wildcard.matches(utf8: [UInt8](padded.utf8)[2..<(2 + name.utf8.count)]) == matches)
        }

        @Test func classPatternsUseSimpleNamesUnlessGivenAPackage() {
            let timeout = ThrownException(className: "java.net.SocketTimeoutException")
            #expect(ClassPattern("SocketTimeoutException").matches(timeout))
            #expect(ClassPattern("java.net.*").matches(timeout))
            #expect(!ClassPattern("javax.net.*").matches(timeout))
            #expect(!ClassPattern("net.SocketTimeoutException").matches(timeout))
        }

        @Test(arguments: [("503", 503...503), ("500-599", 500...599), ("5xx", 500...599), (" 400 - 422 ", 400...422)])
        func statusPatterns(text: String, codes: ClosedRange<Int>) throws {
            #expect(try StatusPattern(parsing: text).codes == codes)
        }

        @Test func messagePatternsIgnoreCase() throws {
            let rule = try CategoryRule(name: "t", category: .transient,
                                        message: [MessagePattern("connection REFUSED"), MessagePattern("/^read timed? out$/")])
            #expect(rule.matches(ExceptionEvidence(message: "Connection refused: ledger:5432"), service: nil))
            #expect(rule.matches(ExceptionEvidence(message: "Read Timed Out"), service: nil))
            #expect(!rule.matches(ExceptionEvidence(message: "read timed out after 5s"), service: nil))
        }

        @Test func allConditionsMustHold() throws {
            let rule = try CategoryRule(name: "t", category: .validation, exception: [ClassPattern("IllegalArgumentException")],
                                        message: [MessagePattern("invalid")], service: [WildcardPattern("payments")])
            let evidence = ExceptionEvidence(errorClass: "java.lang.IllegalArgumentException", errorMessage: "invalid amount")
            #expect(rule.matches(evidence, service: "payments"))
            #expect(!rule.matches(evidence, service: "ledger"))
            #expect(!rule.matches(evidence, service: nil))
            #expect(!rule.matches(ExceptionEvidence(errorClass: "java.lang.IllegalArgumentException", errorMessage: "null key"), service: "payments"))
        }

        @Test func ruleWithoutConditionsIsRefused() {
            #expect(throws: CategoryRuleError.noConditions) { try CategoryRule(name: "all", category: .other) }
        }
    }
}
