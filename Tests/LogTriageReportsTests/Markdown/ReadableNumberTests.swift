import Testing
@testable import LogTriageReports

extension MarkdownTests {
    @Suite("ReadableNumber")
    struct NumberTests {
        @Test(arguments: [
            (0, "0"), (7, "7"), (999, "999"), (1000, "1,000"), (12345, "12,345"), (1_234_567, "1,234,567"),
            (-1, "-1"), (-1234, "-1,234"), (-100_000, "-100,000"), (Int.max, "9,223,372,036,854,775,807"),
            (Int.min, "-9,223,372,036,854,775,808"),
        ])
        func counts(_ value: Int, _ expected: String) {
            #expect(ReadableNumber.count(value) == expected)
        }

        @Test func countsOfOtherIntegerTypes() {
            #expect(ReadableNumber.count(Int64(5_828)) == "5,828")
            #expect(ReadableNumber.count(UInt64.max) == "18,446,744,073,709,551,615")
        }

        @Test(arguments: [
            (0, 10, "0.0%"), (1, 8, "12.5%"), (123, 1000, "12.3%"), (1, 3, "33.3%"), (2, 3, "66.7%"), (10, 10, "100.0%"),
            (25, 10, "250.0%"), (1, 2000, "0.1%"), (1, 2001, "<0.1%"), (1, 100_000, "<0.1%"), (9999, 10000, ">99.9%"),
            (5, 0, "—"), (0, 0, "—"), (-1, 4, "-25.0%"), (1, -4, "-25.0%"), (123_456, 10, "1,234,560.0%"),
            (Int.max, Int.max, "100.0%"),
        ])
        func percents(_ part: Int, _ whole: Int, _ expected: String) {
            #expect(ReadableNumber.percent(part: part, of: whole) == expected)
        }

        @Test(arguments: [
            (0.0, "0.0%"), (0.123, "12.3%"), (0.1235, "12.4%"), (1.0, "100.0%"), (2.5, "250.0%"), (-0.5, "-50.0%"),
            (0.0001, "<0.1%"), (-0.0001, ">-0.1%"), (Double.nan, "—"), (Double.infinity, "—"), (1e300, "—"),
        ])
        func ratios(_ value: Double, _ expected: String) {
            #expect(ReadableNumber.ratio(value) == expected)
        }

        @Test(arguments: [
            (0, "0 min"), (45, "45 min"), (59, "59 min"), (60, "1 h"), (200, "3 h 20 min"), (1439, "23 h 59 min"),
            (1440, "1 d"), (1469, "1 d"), (1470, "1 d 1 h"), (3120, "2 d 4 h"), (2 * 1440 + 23 * 60 + 45, "3 d"),
            (10_080, "7 d"), (-90, "-1 h 30 min"), (1_440_000, "1,000 d"),
        ])
        func durations(_ minutes: Int, _ expected: String) {
            #expect(ReadableNumber.duration(minutes: minutes) == expected)
        }
    }
}
