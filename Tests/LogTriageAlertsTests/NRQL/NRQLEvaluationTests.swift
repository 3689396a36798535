import Testing
@testable import LogTriageAlerts

extension NRQL {
    @Suite struct EvaluationTests {
        static let record: NRQLAttributes = [
            "level": .string("ERROR"),
            "http.statusCode": .number(500),
            "code": .string("503"),
            "durationMs": .number(2500),
            "message": .string("payment timeout after 30s"),
            "error.class": .string("java.net.SocketTimeoutException"),
            "error": .bool(true),
            "expected": .string("FALSE"),
            "word": .string("abc"),
        ]

        static func matches(_ whereClause: String, _ record: NRQLAttributes = record) throws -> Bool {
            try NRQLQuery.parse("SELECT count(*) FROM Log WHERE \(whereClause)", condition: "t").predicate!.evaluate(record)
        }

        /// One WHERE clause and whether `record` passes it.
        static let cases: [(String, Bool)] = [
            // Comparison operators on numbers.
            ("http.statusCode = 500", true), ("http.statusCode != 500", false), ("http.statusCode < 500", false),
            ("http.statusCode <= 500", true), ("http.statusCode > 499.5", true), ("http.statusCode >= 501", false),
            ("durationMs > -1", true),
            // Strings: case-sensitive equality, Unicode order.
            ("level = 'ERROR'", true), ("level = 'error'", false), ("level != 'WARN'", true),
            ("level < 'F'", true), ("level >= 'EA'", true), ("level > 'Z'", false),
            // Numbers against numeric strings, both ways round.
            ("http.statusCode = '500'", true), ("http.statusCode != '500'", false), ("http.statusCode >= '404'", true),
            ("code = 503", true), ("code > 502", true), ("code IN (500, 503)", true), ("code = '503.0'", false),
            // A word never compares with a number: only != holds.
            ("word = 1", false), ("word != 1", true), ("word < 1", false), ("word > 1", false),
            // Booleans, also against 'true'/'false' strings.
            ("error = true", true), ("error IS TRUE", true), ("error IS FALSE", false), ("error = 'true'", true),
            ("error != false", true), ("expected = false", true), ("expected IS NOT TRUE", true), ("error = 1", false),
            // LIKE / NOT LIKE, case-sensitive, % anywhere.
            ("message LIKE '%timeout%'", true), ("message LIKE 'payment%'", true), ("message LIKE '%30s'", true),
            ("message LIKE '%TIMEOUT%'", false), ("message LIKE 'timeout%'", false), ("message LIKE 'payment timeout after 30s'", true),
            ("message LIKE 'pay%time%30s'", true), ("message LIKE 'pay%30s%time'", false), ("message LIKE '%'", true),
            ("message NOT LIKE '%timeout%'", false), ("message NOT LIKE '%refused%'", true),
            ("`error.class` LIKE '%.SocketTimeoutException'", true), ("http.statusCode LIKE '5%'", true),
            ("message LIKE 'payment_timeout%'", false),
            // IN / NOT IN.
            ("level IN ('WARN', 'ERROR')", true), ("level IN ('WARN')", false), ("level NOT IN ('WARN', 'INFO')", true),
            ("level NOT IN ('ERROR')", false), ("http.statusCode IN ('500', 502)", true),
            // IS NULL / IS NOT NULL.
            ("absent IS NULL", true), ("absent IS NOT NULL", false), ("level IS NULL", false), ("level IS NOT NULL", true),
            // Missing attributes: every test is unknown, NOT keeps it unknown.
            ("absent = 1", false), ("absent != 1", false), ("absent < 1", false), ("absent LIKE '%'", false),
            ("absent NOT LIKE 'x%'", false), ("absent IN (1)", false), ("absent NOT IN (1)", false),
            ("NOT absent = 1", false), ("NOT (absent = 1 AND level = 'ERROR')", false),
            ("absent = 1 OR level = 'ERROR'", true), ("absent = 1 AND level = 'WARN'", false),
            ("NOT (absent = 1 AND level = 'WARN')", true), ("NOT (absent = 1 OR level = 'ERROR')", false),
            // Precedence: NOT > AND > OR.
            ("level = 'WARN' AND http.statusCode = 500 OR code = 503", true),   // (F AND T) OR T
            ("level = 'WARN' AND (http.statusCode = 500 OR code = 503)", false),
            ("level = 'ERROR' OR code = 1 AND http.statusCode = 1", true),      // T OR (F AND F)
            ("(level = 'ERROR' OR code = 1) AND http.statusCode = 1", false),
            ("NOT level = 'WARN' AND code = 503", true),                        // (NOT F) AND T
            ("NOT (level = 'ERROR' AND code = 1)", true),
            ("NOT level = 'ERROR' OR code = 503", true),                        // (NOT T) OR T
            ("NOT (level = 'ERROR' OR code = 1)", false),
            ("NOT NOT level = 'ERROR'", true),
        ]

        @Test(arguments: cases)
        func evaluates(whereClause: String, expected: Bool) throws {
            #expect(try Self.matches(whereClause) == expected)
        }

        @Test func emptyRecordPassesOnlyNullTests() throws {
            let empty = NRQLAttributes([:])
            #expect(try Self.matches("a IS NULL AND NOT b IS NOT NULL", empty))
            #expect(try !Self.matches("a != 'x'", empty))
            #expect(try !Self.matches("NOT a = 'x'", empty))
        }

        @Test func likePatternMatchesBytesNotCharacters() {
            #expect(NRQLLikePattern("caf%").matches("café"))
            #expect(NRQLLikePattern("%é").matches("café"))
            #expect(!NRQLLikePattern("%é%é").matches("é"))
            #expect(NRQLLikePattern("%%").matches(""))
            #expect(!NRQLLikePattern("a%a").matches("a"))
            #expect(NRQLLikePattern("a%a").matches("aa"))
        }
    }
}
