import Testing
@testable import LogTriageReports

extension ChartTests {
    @Suite struct ChartFileNameTests {
        static func isSafe(_ name: String) -> Bool {
            guard name.hasSuffix(".svg") else { return false }
            return name.dropLast(4).unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }

        @Test(arguments: ["High error rate", ChartWeek.hostile, "", "../../etc/passwd", "Ünïcödé 😀 / \\ :*?", String(repeating: "x", count: 500)])
        func backtestNamesAreSafe(condition: String) {
            let name = ChartFileName.backtest(condition: condition, kind: "critical")
            #expect(Self.isSafe(name), "\(name)")
            #expect(name.hasPrefix("backtest-"))
            #expect(name.count <= 9 + 40 + 1 + 8 + 1 + 8 + 4)
        }

        @Test func readableAndStable() {
            #expect(ChartFileName.backtest(condition: "High Error Rate!", kind: "critical")
                    .hasPrefix("backtest-high-error-rate-critical-"))
            #expect(ChartFileName.backtest(condition: "a", kind: "b") == ChartFileName.backtest(condition: "a", kind: "b"))
            #expect(ChartFileName.backtest(condition: "a", kind: "b") == "backtest-a-b-\(ChartFileName.hash("a\u{0}b")).svg")
        }

        @Test func namesThatSimplifyAlikeStillDiffer() {
            let names = ["API errors", "api-errors", "API  Errors", "api_errors"].map { ChartFileName.backtest(condition: $0, kind: "critical") }
            #expect(Set(names).count == names.count)
            #expect(ChartFileName.backtest(condition: "a-b", kind: "c") != ChartFileName.backtest(condition: "a", kind: "b-c"))
        }

        @Test func slugs() {
            #expect(ChartFileName.slug("--Hello,  World--") == "hello-world")
            #expect(ChartFileName.slug("😀") == "chart")
            #expect(ChartFileName.slug(String(repeating: "ab-", count: 40)).count <= ChartFileName.maxSlugLength)
            #expect(!ChartFileName.slug(String(repeating: "ab-", count: 40)).hasSuffix("-"))
        }

        @Test func sparklineAndFixedNamesAreSafe() {
            #expect(Self.isSafe(ChartFileName.sparkline(clusterID: "c0123456789")))
            #expect(Self.isSafe(ChartFileName.hourlyCategories))
            #expect(Self.isSafe(ChartFileName.clusterSparklines))
        }
    }
}
