import Testing
@testable import LogTriageReports
import LogTriageReportsTestSupport

extension ChartTests {
    @Suite struct BacktestChartTests {
        static let window: Int64 = 10 * 60_000

        /// A value per ten-minute window over the week: `value(index)`.
        static func series(_ value: (Int) -> Double) -> [(start: Int64, value: Double)] {
            (0..<(7 * 144)).map { (ChartWeek.start + Int64($0) * window, value($0)) }
        }

        static func chart(_ series: [(start: Int64, value: Double)], threshold: Double = 10, warning: Double? = nil,
                          incidents: [(opened: Int64, closed: Int64?, noise: Bool)] = []) -> BacktestChart {
            BacktestChart(title: "High error rate", series: series, threshold: threshold, warningThreshold: warning,
                          incidents: incidents, range: ChartWeek.range, windowMilliseconds: window)
        }

        /// The value at pixel `y`, read from the grid lines and their labels.
        static func value(atY y: Double, in root: ParsedSVG) throws -> Double {
            let grid = root.elements(class: "grid").compactMap { $0.number("y1") }
            let labels = root.elements(class: "y-label").compactMap { Double($0.text) }
            try #require(grid.count >= 2 && grid.count == labels.count)
            return labels[0] + (y - grid[0]) / (grid[grid.count - 1] - grid[0]) * (labels[labels.count - 1] - labels[0])
        }

        @Test func drawsLineThresholdsAndLabels() throws {
            let root = try ParsedSVG.chart(Self.chart(Self.series { Double($0 % 7) }, warning: 6).svg())
            #expect(root.elements(class: "title").first?.text == "High error rate")
            #expect(root.elements(class: "series").count == 1)
            #expect(root.elements(class: "series").first?.points.count == 7 * 144)
            #expect(root.elements(class: "threshold-label").map(\.text) == ["critical 10", "warning 6"])
            #expect(root.elements(class: "threshold").first?.attributes["stroke-dasharray"] != nil)
            #expect(root.elements(class: "x-label").count == 7)
            #expect(root.elements(class: "x-label").first?.text == "Mon 11-09")
        }

        @Test(arguments: [10.0, 0.05, 1234.5])
        func thresholdLineSitsAtItsValueOnTheScale(threshold: Double) throws {
            let root = try ParsedSVG.chart(Self.chart(Self.series { Double($0 % 13) / 10 }, threshold: threshold, warning: threshold / 2).svg())
            let line = try #require(root.elements(class: "threshold").first)
            let y = try #require(line.number("y1"))
            #expect(line.number("y2") == y)
            let tolerance = max(threshold, 1.3) * 0.002
            #expect(abs(try Self.value(atY: y, in: root) - threshold) <= tolerance)
            let warning = try #require(root.elements(class: "warning-threshold").first?.number("y1"))
            #expect(abs(try Self.value(atY: warning, in: root) - threshold / 2) <= tolerance)
            // The highest value (1.2) lands at its own height too.
            let top = try #require(root.elements(class: "series").first?.points.map(\.y).min())
            #expect(abs(try Self.value(atY: top, in: root) - 1.2) <= tolerance)
        }

        @Test func thresholdFarAboveTheValuesIsStillOnTheChart() throws {
            let root = try ParsedSVG.chart(Self.chart(Self.series { Double($0 % 3) }, threshold: 5000).svg())
            let y = try #require(root.elements(class: "threshold").first?.number("y1"))
            #expect(y >= BacktestChart.plotTop && y <= BacktestChart.plotBottom)
            #expect((root.elements(class: "y-label").compactMap { Double($0.text) }.max() ?? 0) >= 5000)
        }

        @Test func incidentRectanglesMatchTheIncidents() throws {
            let incidents: [(opened: Int64, closed: Int64?, noise: Bool)] = [
                (ChartWeek.start + ChartWeek.hour, ChartWeek.start + 2 * ChartWeek.hour, false),
                (ChartWeek.start + ChartWeek.day, ChartWeek.start + ChartWeek.day + Self.window, true),
                (ChartWeek.start + 3 * ChartWeek.day, ChartWeek.start + 3 * ChartWeek.day + 1, true),
                (ChartWeek.start + 6 * ChartWeek.day, nil, false),
            ]
            let root = try ParsedSVG.chart(Self.chart(Self.series { _ in 1 }, incidents: incidents).svg())
            let real = root.elements(class: "incident"), noise = root.elements(class: "noise-incident")
            #expect(real.count == 2 && noise.count == 2)
            #expect(Set(real.map { $0.attributes["fill"] }) != Set(noise.map { $0.attributes["fill"] }))
            #expect(noise.allSatisfy { ($0.number("width") ?? 0) >= 1 })
            let open = try #require(real.last)
            #expect(abs((open.number("x") ?? 0) + (open.number("width") ?? 0) - BacktestChart.plotRight) <= 0.15)
            #expect(open.children.first?.text.hasSuffix("still open") == true)
            let hourWidth = (BacktestChart.plotRight - BacktestChart.plotLeft) / Double(7 * 24)
            #expect(abs((real.first?.number("width") ?? 0) - hourWidth) <= 0.15)
            #expect(root.elements(class: "legend").map(\.text).suffix(2) == ["incident", "noise incident"])
        }

        @Test func emptySeriesSaysNoData() throws {
            let root = try ParsedSVG.chart(Self.chart([]).svg())
            #expect(root.elements(class: "no-data").first?.text == "no data")
            #expect(root.elements(named: "polyline").isEmpty)
            #expect(root.elements(class: "subtitle").first?.text == "critical threshold 10")
            let unbounded = try ParsedSVG.chart(BacktestChart(title: "x", series: [(0, .nan)], threshold: 1).svg())
            #expect(unbounded.elements(class: "no-data").count == 1)
        }

        @Test func allZeroSeriesSitsOnTheBaseline() throws {
            let root = try ParsedSVG.chart(Self.chart(Self.series { _ in 0 }, threshold: 0).svg())
            let ys = Set(try #require(root.elements(class: "series").first).points.map(\.y))
            #expect(ys == [BacktestChart.plotBottom])
            #expect(root.elements(class: "threshold-label").first?.text == "critical 0")
        }

        @Test func singlePointIsADot() throws {
            let chart = BacktestChart(title: "one", series: [(ChartWeek.start, 3)], threshold: 5)
            let root = try ParsedSVG.chart(chart.svg())
            let dot = try #require(root.elements(class: "point").first)
            #expect(root.elements(class: "series").isEmpty)
            let x = try #require(dot.number("cx"))
            #expect(x > BacktestChart.plotLeft && x < BacktestChart.plotRight)
            #expect(abs(try Self.value(atY: dot.number("cy") ?? 0, in: root) - 3) < 0.01)
        }

        @Test func missingWindowsBreakTheLine() throws {
            let sparse = Self.series { Double($0) }.filter { !(100..<110).contains(($0.start - ChartWeek.start) / Self.window) }
            let root = try ParsedSVG.chart(Self.chart(sparse, threshold: 10_000).svg())
            #expect(root.elements(class: "series").map(\.points.count) == [100, 7 * 144 - 110])
            let joined = BacktestChart(title: "t", series: sparse, threshold: 1, range: ChartWeek.range)
            #expect(try ParsedSVG.chart(joined.svg()).elements(class: "series").count == 1)
        }

        @Test func longSeriesIsThinnedButKeepsItsPeak() throws {
            let peakIndex = 33_333
            let long = (0..<60_480).map { index -> (start: Int64, value: Double) in
                (ChartWeek.start + Int64(index) * 10_000, index == peakIndex ? 999 : Double(index % 17))
            }
            let chart = BacktestChart(title: "long", series: long.reversed(), threshold: 50, range: ChartWeek.range,
                                      windowMilliseconds: 10_000)
            let root = try ParsedSVG.chart(chart.svg())
            let points = root.elements(class: "series").flatMap(\.points)
            #expect(points.count <= Int(BacktestChart.plotRight - BacktestChart.plotLeft))
            #expect(points.count > 100)
            let top = try #require(points.map(\.y).min())
            #expect(abs(try Self.value(atY: top, in: root) - 999) < 1)
            #expect(root.elements(class: "subtitle").first?.text.contains("of 60480 windows") == true)
        }

        @Test func hostileTitleIsEscaped() throws {
            let chart = BacktestChart(title: ChartWeek.hostile, series: [(ChartWeek.start, 1), (ChartWeek.start + Self.window, 2)], threshold: 1)
            let root = try ParsedSVG.chart(chart.svg())
            #expect(root.elements(class: "title").first?.text == ChartWeek.hostileReadBack)
            #expect(root.elements(named: "title").first?.text == ChartWeek.hostileReadBack)
        }

        @Test func outputIsDeterministicWhateverTheInputOrder() {
            let series = Self.series { Double(($0 * 7919) % 101) }
            let incidents: [(opened: Int64, closed: Int64?, noise: Bool)] = [
                (ChartWeek.start + 5 * ChartWeek.hour, ChartWeek.start + 6 * ChartWeek.hour, false),
                (ChartWeek.start + 50 * ChartWeek.hour, nil, true),
            ]
            let svg = Self.chart(series, warning: 7, incidents: incidents).svg()
            #expect(svg == Self.chart(series.reversed(), warning: 7, incidents: incidents).svg())
            #expect(svg == Self.chart(series, warning: 7, incidents: incidents).svg())
        }
    }
}
