import Testing
@testable import LogTriageAlerts

extension NRQL {
    /// Hostile queries (found by the `nrql` fuzzer: a thousand `-` overflowed the stack) are
    /// refused with a message; ordinary nesting still parses.
    @Suite struct NestingTests {
        @Test(arguments: [
            "SELECT count(" + String(repeating: "-", count: 1000) + "1) FROM Log",
            "SELECT count(*) FROM Log WHERE " + String(repeating: "NOT ", count: 1000) + "a = 1",
            "SELECT " + String(repeating: "(", count: 1000) + "count(*)" + String(repeating: ")", count: 1000) + " FROM Log",
            "SELECT average(" + String(repeating: "(", count: 1000) + "a" + String(repeating: ")", count: 1000) + ") FROM Log",
        ])
        func deepNestingIsRefusedWithAMessage(text: String) {
            do {
                _ = try NRQLQuery.parse(text, condition: "hostile")
                Issue.record("a query nested 1000 deep parsed")
            } catch {
                #expect("\(error)".contains("nested more than 64 levels deep"))
            }
        }

        @Test func ordinaryNestingParses() throws {
            let text = "SELECT ((count(*) - -1) * 2) FROM Log WHERE NOT (NOT (a = 1 AND (b = 2 OR c = 3)))"
            _ = try NRQLQuery.parse(text, condition: "nested")
        }
    }
}
