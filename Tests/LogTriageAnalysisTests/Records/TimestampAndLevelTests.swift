import Foundation
import Testing
@testable import LogTriageIngest
@testable import LogTriageAnalysis
import LogTriageTestSupport

extension Records {
    /// Record times in every accepted form, and level spellings folded to one name.
    @Suite struct TimestampAndLevelTests {
        static let schema: RecordSchema = try! TriageConfiguration.defaults().schema()

        /// 2024-11-09T10:00:00.123Z
        static let reference: Int64 = 1_731_146_400_123

        /// Foundation's reading of an ISO-8601 text, as the reference.
        static func foundationMilliseconds(_ text: String) -> Int64? {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
            formatter.formatOptions = [.withInternetDateTime]
            return formatter.date(from: text).map { Int64($0.timeIntervalSince1970) * 1000 }
        }

        static func timestamp(_ json: String) -> Int64? {
            parseOne("{\"timestamp\":\(json)}", schema: schema)?.timestampMilliseconds
        }

        @Test(arguments: [
            ("1731146400123", reference),                      // epoch milliseconds
            ("1731146400", 1_731_146_400_000),                 // epoch seconds
            ("1731146400.5", 1_731_146_400_500),               // seconds with a fraction
            ("1731146400.123", reference),
            ("1731146400.123456", reference),
            ("1731146400123456", reference),                   // microseconds
            ("1.7311464001234E9", reference),                  // seconds with an exponent
            ("0", 0),
            ("\"1731146400123\"", reference),                  // numeric strings
            ("\"1731146400\"", 1_731_146_400_000),
            ("\"1731146400.5\"", 1_731_146_400_500),
        ] as [(String, Int64)])
        func epochNumbers(json: String, expected: Int64) {
            #expect(Self.timestamp(json) == expected, "\(json)")
        }

        /// Epoch nanoseconds have 19 digits since 2001.
        @Test func epochNanoseconds() {
            #expect(Self.timestamp("1731146400123456789") == Self.reference)
            #expect(Self.timestamp("\"1731146400123456789\"") == Self.reference)
        }

        @Test(arguments: [
            "2024-11-09T10:00:00.123Z", "2024-11-09T10:00:00Z", "2024-11-09T12:00:00.123+02:00",
            "2024-11-09T04:30:00.123-05:30", "2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00Z",
            "2000-03-01T00:00:00Z", "2099-12-31T23:59:59Z",
        ])
        func isoTimesMatchFoundation(text: String) throws {
            let expected = try #require(Self.foundationMilliseconds(text))
            #expect(Self.timestamp("\"\(text)\"") == expected, "\(text)")
        }

        @Test(arguments: [
            ("2024-11-09T10:00:00", reference - 123),          // no zone: UTC
            ("2024-11-09 10:00:00.123Z", reference),           // space separator
            ("2024-11-09 10:00:00.123", reference),
            ("2024-11-09T10:00:00.1Z", reference - 23),        // fractions of any length
            ("2024-11-09T10:00:00.12Z", reference - 3),
            ("2024-11-09T10:00:00.123456789Z", reference),
            ("2024-11-09T10:00:00,123Z", reference),
            ("2024-11-09T10:00Z", reference - 123),
            ("2024-11-09T12:00:00.123+02", reference),
            ("2024-11-09T12:00:00.123+0200", reference),
            ("2024-11-09T10:00:00.123z", reference),
            ("2024-11-09", 1_731_110_400_000),
        ] as [(String, Int64)])
        func isoTimesWithoutFoundationEquivalent(text: String, expected: Int64) {
            #expect(Self.timestamp("\"\(text)\"") == expected, "\(text)")
        }

        /// A whole part beyond 64 bits is no time, whichever digit carries it over (the last
        /// digit's addition used to trap: 1844674407370955161 × 10 fits, + 9 does not).
        @Test(arguments: ["18446744073709551619", "18446744073709551616", "184467440737095516150", "99999999999999999999",
                          "\"18446744073709551619\"", "18446744073709551619.5"])
        func numbersBeyond64BitsAreNoTime(json: String) {
            #expect(Self.timestamp(json) == nil, "\(json)")
        }

        /// The largest whole part that fits is read; leading zeros count as digits, not as overflow.
        @Test func theLargest64BitNumberAndLeadingZerosAreRead() {
            #expect(Self.timestamp("18446744073709551615") == 18_446_744_073_709)
            #expect(Self.timestamp("\"000000000000000000001731146400123\"") == Self.reference)
        }

        @Test(arguments: ["\"\"", "\"soon\"", "\"2024-13-01T00:00:00Z\"", "\"2024-11-09T25:00:00Z\"", "\"2024-11-09T10:00:00Zjunk\"",
                          "\"2024-11-09T10:00:00.Z\"", "-1", "true", "null", "{\"t\":1}", "[1731146400]", "1e400"])
        func notATime(json: String) {
            #expect(Self.timestamp(json) == nil, "\(json)")
        }

        @Test func timestampFromNestedAttributesAndMessageJSON() {
            #expect(parseOne(#"{"attributes":{"timestamp":1731146400123}}"#, schema: Self.schema)?.timestampMilliseconds
                == Self.reference)
            #expect(parseOne(#"{"message":"{\"timestamp\":\"2024-11-09T10:00:00.123Z\"}"}"#, schema: Self.schema)?
                .timestampMilliseconds == Self.reference)
        }

        /// Every millisecond of a second survives the seconds-with-fraction form exactly.
        @Test func fractionalSecondsKeepEveryMillisecond() {
            var wrong: [String] = []
            for millis in 0..<1000 {
                let fraction = String(millis + 1000).dropFirst()
                for seconds in [1_731_146_400, 1_000_000_000, 99_999_999_999] {
                    let text = "\(seconds).\(fraction)"
                    if TimestampParser.milliseconds(text) != Int64(seconds) * 1000 + Int64(millis) { wrong.append(text) }
                }
            }
            #expect(wrong.isEmpty, "\(wrong.count) wrong, e.g. \(wrong.prefix(5))")
        }

        // MARK: Levels

        @Test(arguments: [
            ("\"warning\"", "WARN"), ("\"Warn\"", "WARN"), ("\"WARN\"", "WARN"), ("\"Err\"", "ERROR"), ("\"error\"", "ERROR"),
            ("40", "WARN"), ("\"40\"", "WARN"), ("50", "ERROR"), ("30", "INFO"), ("60", "FATAL"), ("10", "TRACE"),
            ("\"information\"", "INFO"), ("\"notice\"", "INFO"), ("\"dbg\"", "DEBUG"), ("\"crit\"", "CRITICAL"),
            ("\"emerg\"", "FATAL"), ("\"finest\"", "TRACE"), ("\" warn \"", "WARN"), ("\"custom\"", "CUSTOM"),
            ("\"e\"", "ERROR"),
        ])
        func levelIsNormalised(json: String, expected: String) throws {
            for text in ["{\"level\":\(json)}", "{\"log\":{\"level\":\(json)}}", "{\"severity\":\(json)}"] {
                let record = try #require(parseOne(text, schema: Self.schema))
                #expect(record.level == expected, "\(text)")
            }
            #expect(LevelNormalizer.normalize(json.replacingOccurrences(of: "\"", with: "")) == expected)
        }

        @Test func missingLevelIsNil() {
            #expect(parseOne(#"{"message":"x"}"#, schema: Self.schema)?.level == nil)
            #expect(parseOne(#"{"level":null}"#, schema: Self.schema)?.level == nil)
        }
    }
}
