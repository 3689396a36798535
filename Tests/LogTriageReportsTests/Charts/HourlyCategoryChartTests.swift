import Foundation
import Testing
@testable import LogTriageReports
import LogTriageReportsTestSupport

extension ChartTests {
    @Suite struct HourlyCategoryChartTests {
        /// Monday 14:00: transient 10, validation 5, other 20; Tuesday 03:00: transient 4.
        static let hours: [Int64: [String: Int]] = [
            ChartWeek.start + 14 * ChartWeek.hour: ["transient": 10, "validation": 5, "other": 20],
            ChartWeek.start + 27 * ChartWeek.hour: ["transient": 4],
        ]

        static func chart(_ hours: [Int64: [String: Int]] = hours) -> HourlyCategoryChart {
            HourlyCategoryChart(hours: hours, range: ChartWeek.range)
        }

        /// The bars of one chart, each with the category and count its tooltip names.
        static func bars(_ root: ParsedSVG) -> [(category: String, count: Int, bar: ParsedSVG)] {
            root.elements(class: "bar").compactMap { bar in
                guard let title = bar.children.first(where: { $0.name == "title" })?.text,
                      let separator = title.range(of: ": ", options: .backwards),
                      let comma = title.range(of: "UTC, ") else { return nil }
                return (String(title[comma.upperBound..<separator.lowerBound]), Int(title[separator.upperBound...]) ?? -1, bar)
            }
        }

        @Test func isAnSVGChartWithTitleLegendAndDayLabels() throws {
            let root = try ParsedSVG.chart(Self.chart().svg())
            #expect(root.elements(class: "title").first?.text == "Errors per hour by category")
            #expect(root.elements(class: "x-label").map(\.text)
                    == ["Mon 11-09", "Tue 11-10", "Wed 11-11", "Thu 11-12", "Fri 11-13", "Sat 11-14", "Sun 11-15"])
            #expect(root.elements(class: "legend").map(\.text) == ["transient", "validation", "other"])
            #expect(root.elements(class: "subtitle").first?.text == "UTC hours, 39 errors")
        }

        @Test func stackedHeightsAreProportionalToCounts() throws {
            let root = try ParsedSVG.chart(Self.chart().svg())
            let monday = Self.bars(root).filter { $0.bar.number("x") == Self.bars(root).first?.bar.number("x") }
            #expect(monday.map(\.category) == ["transient", "validation", "other"])
            let perError = try #require(monday.first.flatMap { $0.bar.number("height") }) / 10
            #expect(perError > 1)
            for bar in monday {
                let height = try #require(bar.bar.number("height"))
                #expect(abs(height - Double(bar.count) * perError) <= 0.15, "\(bar.category): \(height)")
            }
            // Stacked bottom to top in category order: each segment sits on the one below.
            for (lower, upper) in zip(monday, monday.dropFirst()) {
                #expect(abs(try #require(upper.bar.number("y")) + (upper.bar.number("height") ?? 0) - (lower.bar.number("y") ?? 0)) <= 0.15)
            }
            // The tallest stack (35) fits under the top tick, and the scale agrees with the grid.
            let grid = root.elements(class: "grid").compactMap { $0.number("y1") }
            let labels = root.elements(class: "y-label").compactMap { Double($0.text) }
            #expect(labels.first == 0 && (labels.last ?? 0) >= 35)
            let pixelsPerError = (grid[0] - grid[grid.count - 1]) / (labels[labels.count - 1] - labels[0])
            #expect(abs(pixelsPerError - perError) < 0.01)
            #expect(abs((monday.first?.bar.number("y") ?? 0) + (monday.first?.bar.number("height") ?? 0) - grid[0]) <= 0.15)
        }

        @Test func colourFollowsTheCategoryName() throws {
            let bars = Self.bars(try ParsedSVG.chart(Self.chart().svg()))
            let transient = bars.filter { $0.category == "transient" }.map { $0.bar.attributes["fill"] }
            #expect(transient == ["#4e79a7", "#4e79a7"])
            #expect(ChartPalette.colour(forCategory: "endpoint_auth") == ChartPalette.colour(forCategory: "endpointAuth"))
            #expect(ChartPalette.colour(forCategory: "new-kind") == ChartPalette.colour(forCategory: "new-kind"))
        }

        @Test func everyHourOfTheRangeGetsASlot() throws {
            let first = ChartWeek.start, last = ChartWeek.start + 167 * ChartWeek.hour
            let root = try ParsedSVG.chart(Self.chart([first: ["slow": 1], last: ["slow": 1]]).svg())
            let xs = Self.bars(root).compactMap { $0.bar.number("x") }
            let width = try #require(Self.bars(root).first?.bar.number("width"))
            #expect(xs.count == 2)
            let slot = (HourlyCategoryChart.plotRight - HourlyCategoryChart.plotLeft) / 168
            #expect(abs(xs[1] - xs[0] - 167 * slot) <= 0.15)
            #expect(abs(width - 0.8 * slot) <= 0.1)
        }

        @Test func hoursOutsideTheRangeAndNonPositiveCountsAreIgnored() throws {
            let root = try ParsedSVG.chart(Self.chart([
                ChartWeek.start - ChartWeek.hour: ["slow": 5], ChartWeek.start + 7 * ChartWeek.day: ["slow": 5],
                ChartWeek.start + 3 * ChartWeek.hour + 59 * 60_000: ["slow": 2, "other": 0, "transient": -3],
            ]).svg())
            #expect(Self.bars(root).map(\.category) == ["slow"])
            #expect(Self.bars(root).map(\.count) == [2])
        }

        @Test func unknownCategoriesStackAfterTheOrderSortedByName() throws {
            let root = try ParsedSVG.chart(Self.chart([ChartWeek.start: ["zeta": 1, "alpha": 1, "transient": 1]]).svg())
            #expect(Self.bars(root).map(\.category) == ["transient", "alpha", "zeta"])
        }

        @Test func hostileCategoryNamesAreEscaped() throws {
            let xml = HourlyCategoryChart(hours: [ChartWeek.start: [ChartWeek.hostile: 3]], range: ChartWeek.range,
                                          categoryOrder: [], title: ChartWeek.hostile).svg()
            let root = try ParsedSVG.chart(xml)
            #expect(root.elements(class: "legend").map(\.text) == [ChartWeek.hostileReadBack])
            #expect(root.elements(class: "title").first?.text == ChartWeek.hostileReadBack)
            #expect(Self.bars(root).map(\.category) == [ChartWeek.hostileReadBack])
        }

        @Test func outputDoesNotDependOnDictionaryOrder() {
            var forward: [Int64: [String: Int]] = [:], backward: [Int64: [String: Int]] = [:]
            let names = ["transient", "endpoint_auth", "validation", "other", "x1", "x2", "x3"]
            let entries = (0..<168).flatMap { hour in names.enumerated().map { (Int64(hour), $0.element, hour % ($0.offset + 2)) } }
            for (hour, name, count) in entries { forward[ChartWeek.start + hour * ChartWeek.hour, default: [:]][name] = count }
            for (hour, name, count) in entries.reversed() { backward[ChartWeek.start + hour * ChartWeek.hour, default: [:]][name] = count }
            let svg = Self.chart(forward).svg()
            #expect(svg == Self.chart(backward).svg())
            #expect(svg == Self.chart(forward).svg())
        }

        @Test func emptyWeekSaysSo() throws {
            let root = try ParsedSVG.chart(Self.chart([:]).svg())
            #expect(Self.bars(root).isEmpty)
            #expect(root.elements(class: "no-data").first?.text == "no errors in this range")
            #expect(root.elements(class: "x-label").count == 7)
        }

        @Test func longRangesGroupHoursIntoBoundedBars() throws {
            let year = ChartWeek.start...(ChartWeek.start + 365 * ChartWeek.day - 1)
            let hours = Dictionary(uniqueKeysWithValues: (0..<(365 * 24)).map { (ChartWeek.start + Int64($0) * ChartWeek.hour, ["slow": 1]) })
            let root = try ParsedSVG.chart(HourlyCategoryChart(hours: hours, range: year).svg())
            let bars = Self.bars(root)
            #expect(bars.count <= Int(HourlyCategoryChart.maxBars))
            #expect(bars.map(\.count).reduce(0, +) == 365 * 24)
            #expect(root.elements(class: "x-label").count < 20)
        }
    }
}
