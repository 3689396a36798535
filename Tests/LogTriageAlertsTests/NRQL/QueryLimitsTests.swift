import Testing
@testable import LogTriageAlerts

extension NRQL {
    /// LogTriage's limits on one query: at the limit it parses, one past it is refused as beyond
    /// the limit (not as unreadable NRQL), naming the limit.
    @Suite struct QueryLimitsTests {
        static func parse(_ text: String) -> Result<NRQLQuery, NRQLError> {
            do { return .success(try NRQLQuery.parse(text, condition: "c")) } catch { return .failure(error) }
        }

        static func expectRefused(_ text: String, naming words: String) {
            guard case let .failure(error) = parse(text) else {
                Issue.record("accepted a query beyond the limit: \(words)")
                return
            }
            #expect(error.isBeyondLimit, "\(error)")
            #expect(error.message.contains(words), "\(error)")
        }

        @Test func queryLength() throws {
            let head = "SELECT count(*) FROM Log WHERE message = '"
            let at = head + String(repeating: "x", count: NRQLQuery.maximumLength - head.count - 1) + "'"
            #expect(at.unicodeScalars.count == NRQLQuery.maximumLength)
            _ = try Self.parse(at).get()
            Self.expectRefused(head + String(repeating: "x", count: NRQLQuery.maximumLength - head.count) + "'",
                               naming: "limit of 16384")
        }

        @Test func aggregatesInTheSelect() throws {
            func query(_ count: Int) -> String {
                "SELECT " + Array(repeating: "count(*)", count: count).joined(separator: " + ") + " FROM Log"
            }
            _ = try Self.parse(query(NRQLQuery.maximumAggregates)).get()
            Self.expectRefused(query(NRQLQuery.maximumAggregates + 1), naming: "65 aggregates")
        }

        @Test(arguments: ["uniqueCount", "concat"])
        func argumentsOfOneFunction(function: String) throws {
            func query(_ count: Int) -> String {
                let arguments = (0..<count).map { "a\($0)" }.joined(separator: ", ")
                return function == "uniqueCount" ? "SELECT uniqueCount(\(arguments)) FROM Log"
                    : "SELECT count(*) FROM Log WHERE concat(\(arguments)) = 'x'"
            }
            _ = try Self.parse(query(NRQLQuery.maximumArguments)).get()
            Self.expectRefused(query(NRQLQuery.maximumArguments + 1), naming: "over 32 arguments")
        }

        @Test func valuesOfAnInList() throws {
            func query(_ count: Int) -> String {
                "SELECT count(*) FROM Log WHERE billerId IN (" + (0..<count).map { "'B\($0)'" }.joined(separator: ",") + ")"
            }
            let at = try Self.parse(query(NRQLQuery.maximumInValues)).get()
            guard case let .in(_, values, _)? = at.predicate else { Issue.record("not an IN"); return }
            #expect(values.count == NRQLQuery.maximumInValues)
            Self.expectRefused(query(NRQLQuery.maximumInValues + 1), naming: "over 1000 values")
        }
    }
}
