import Testing
@testable import LogTriageReports
import LogTriageReportsTestSupport

extension ChartTests {
    @Suite struct ClusterSparklineTests {
        static let sparkline = ClusterSparkline(days: ChartWeek.days, counts: [
            ChartWeek.firstDay: 2, ChartWeek.firstDay + 3: 8, ChartWeek.firstDay + 6: 4,
        ])

        @Test func isASmallSVGWithOnePointPerDayAndALastDot() throws {
            let root = try ParsedSVG.chart(Self.sparkline.svg())
            #expect(root.attributes["viewBox"] == "0 0 120 24")
            let line = try #require(root.elements(class: "sparkline").first)
            let points = line.points
            #expect(points.count == 7)
            #expect(points.map(\.x) == points.map(\.x).sorted())
            // The peak (8) is at the top, empty days at the bottom, the last day (4) half way.
            #expect(points[3].y == points.map(\.y).min())
            #expect(points[1].y == points[2].y && points[1].y == points.map(\.y).max())
            let dot = try #require(root.elements(class: "last").first)
            #expect(dot.number("cx") == points[6].x && dot.number("cy") == points[6].y)
            #expect(abs((points[1].y - points[6].y) - (points[1].y - points[3].y) / 2) <= 0.1)
        }

        @Test func dayOrderAndRepeatsDoNotMatter() {
            let shuffled = ClusterSparkline(days: ChartWeek.days.reversed() + ChartWeek.days, counts: Self.sparkline.counts)
            #expect(shuffled.svg() == Self.sparkline.svg())
        }

        @Test func allZeroIsAFlatLineAtTheBottom() throws {
            let root = try ParsedSVG.chart(ClusterSparkline(days: ChartWeek.days, counts: [:]).svg())
            let ys = Set(try #require(root.elements(class: "sparkline").first).points.map(\.y))
            #expect(ys == [24 - ClusterSparkline.padding])
        }

        @Test func singleDayIsADotAndNoDaysIsEmpty() throws {
            let one = try ParsedSVG.chart(ClusterSparkline(days: [5], counts: [5: 3]).svg())
            #expect(one.elements(class: "sparkline").isEmpty)
            #expect(one.elements(class: "last").count == 1)
            let none = try ParsedSVG.chart(ClusterSparkline(days: [], counts: [1: 3]).svg())
            #expect(none.elements(named: "circle").isEmpty && none.elements(named: "polyline").isEmpty)
        }

        @Test func sheetHasARowPerClusterWithLabelsAndTotals() throws {
            let rows = (0..<3).map { index in
                ClusterSparklineRow(clusterID: "c\(index)", template: "GET /billers/<*>/balance failed \(index)",
                                    sparkline: ClusterSparkline(days: ChartWeek.days, counts: [ChartWeek.firstDay + index: index + 1]))
            }
            let root = try ParsedSVG.chart(ClusterSparklineSheet(rows: rows).svg())
            #expect(root.elements(class: "row").count == 3)
            #expect(root.elements(class: "sparkline").count == 3)
            #expect(root.elements(class: "cluster-id").map(\.text) == ["c0", "c1", "c2"])
            #expect(root.elements(class: "template").first?.text == "GET /billers/<*>/balance failed 0")
            #expect(root.elements(class: "total").map(\.text) == ["1", "2", "3"])
            let offsets = root.elements(class: "row").compactMap(\.attributes["transform"])
            #expect(offsets == ["translate(500,52)", "translate(500,82)", "translate(500,112)"])
        }

        @Test func sheetShortensTemplatesAndEscapesThem() throws {
            let long = ChartWeek.hostile + String(repeating: "y", count: 100) + "\nsecond line"
            let row = ClusterSparklineRow(clusterID: ChartWeek.hostile, template: long, sparkline: Self.sparkline)
            let root = try ParsedSVG.chart(ClusterSparklineSheet(rows: [row], title: ChartWeek.hostile).svg())
            let template = try #require(root.elements(class: "template").first?.text)
            #expect(template.count == ClusterSparklineSheet.templateLength)
            #expect(template.hasSuffix("…"))
            #expect(template.hasPrefix(ChartWeek.hostileReadBack))
            #expect(root.elements(class: "cluster-id").first?.text == ChartWeek.hostileReadBack)
            #expect(ClusterSparklineSheet.shortened("a\nb\tc") == "a b c")
            #expect(ClusterSparklineSheet.shortened(String(repeating: "z", count: 60)).count == 60)
            #expect(!ClusterSparklineSheet.shortened(String(repeating: "z", count: 60)).hasSuffix("…"))
        }

        @Test func emptySheetSaysSo() throws {
            let root = try ParsedSVG.chart(ClusterSparklineSheet(rows: []).svg())
            #expect(root.elements(class: "no-data").first?.text == "no clusters")
        }
    }
}
