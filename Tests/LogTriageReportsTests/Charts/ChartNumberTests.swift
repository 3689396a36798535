import Testing
@testable import LogTriageReports

extension ChartTests {
    @Suite struct ChartNumberTests {
        @Test(arguments: [
            (12.0, "12"), (12.25, "12.3"), (12.24, "12.2"), (-3.16, "-3.2"), (-0.04, "0"), (0.05, "0.1"),
            (Double.nan, "0"), (Double.infinity, "0"), (1e20, "1000000000"),
        ])
        func coordinates(value: Double, text: String) {
            #expect(ChartNumber.coordinate(value) == text)
        }

        @Test(arguments: [
            (0.05, "0.05"), (1200.0, "1200"), (2.5, "2.5"), (0.1 + 0.2, "0.3"), (-1.0625, "-1.063"), (0.0004, "0"),
            (1e13, "10000000000000.0"), (0.007, "0.007"),
        ])
        func values(value: Double, text: String) {
            #expect(ChartNumber.value(value) == text)
        }
    }
}
