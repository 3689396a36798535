import LogTriageModel

/// The weekly report's "errors per hour" chart: one bar per UTC hour of the range, stacked by
/// category, so a reader sees when errors came and of which kind.
///
/// Every hour of `range` gets a slot, also when it had no errors, so gaps read as quiet hours
/// rather than being squeezed out. Ranges longer than a month put several hours in one bar.
public struct HourlyCategoryChart: Sendable {
    /// Hour start (epoch ms, UTC) → category name → errors; times inside an hour are floored to
    /// it, hours outside `range` and counts below 1 are ignored.
    public var hours: [Int64: [String: Int]]
    /// The analysed time range (epoch ms); its first and last hours are the first and last slots.
    public var range: ClosedRange<Int64>
    /// Stacking order from the bottom; names found in `hours` but not here are stacked after
    /// them in name order, so no error is left out of a bar.
    public var categoryOrder: [String]
    public var title: String

    public init(hours: [Int64: [String: Int]], range: ClosedRange<Int64>,
                categoryOrder: [String] = Category.allCases.map(\.rawValue),
                title: String = "Errors per hour by category") {
        self.hours = hours
        self.range = range
        self.categoryOrder = categoryOrder
        self.title = title
    }

    static let width = 960.0
    static let plotLeft = 56.0, plotRight = 944.0, plotTop = 52.0, plotBottom = 292.0
    /// More bars than this would be thinner than a pixel; hours are then grouped.
    static let maxBars: Int64 = 744

    public func svg() -> String {
        let firstHour = ChartCalendar.floorDivide(range.lowerBound, ChartCalendar.millisecondsPerHour)
        let lastHour = ChartCalendar.floorDivide(range.upperBound, ChartCalendar.millisecondsPerHour)
        let hourCount = lastHour - firstHour + 1
        let hoursPerBar = (hourCount + Self.maxBars - 1) / Self.maxBars
        let barCount = Int((hourCount + hoursPerBar - 1) / hoursPerBar)
        let categories = orderedCategories()
        let index = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        var counts = Array(repeating: Array(repeating: 0, count: categories.count), count: barCount)
        for (start, byCategory) in hours {
            let hour = ChartCalendar.floorDivide(start, ChartCalendar.millisecondsPerHour)
            guard hour >= firstHour, hour <= lastHour else { continue }
            let bar = Int((hour - firstHour) / hoursPerBar)
            for (name, count) in byCategory where count > 0 { counts[bar][index[name]!] += count }
        }
        let totals = counts.map { $0.reduce(0, +) }
        let scale = ChartScale(minimum: 0, maximum: Double(totals.max() ?? 0), integral: true)
        let slot = (Self.plotRight - Self.plotLeft) / Double(barCount)
        let barWidth = slot >= 3 ? slot * 0.8 : slot

        var children = ChartAxes.valueAxis(scale: scale, left: Self.plotLeft, right: Self.plotRight,
                                           top: Self.plotTop, bottom: Self.plotBottom)
        children += ChartAxes.dayAxis(firstDay: ChartCalendar.floorDivide(firstHour, 24),
                                      lastDay: ChartCalendar.floorDivide(lastHour, 24),
                                      x: { day in Self.plotLeft + Double(day * 24 - firstHour) / Double(hoursPerBar) * slot },
                                      left: Self.plotLeft, right: Self.plotRight,
                                      top: Self.plotTop, bottom: Self.plotBottom)
        for bar in 0..<barCount where totals[bar] > 0 {
            let x = Self.plotLeft + Double(bar) * slot + (slot - barWidth) / 2
            let barStart = (firstHour + Int64(bar) * hoursPerBar) * ChartCalendar.millisecondsPerHour
            let when = ChartCalendar.hourMinuteLabel(milliseconds: barStart)
            var stacked = 0
            for (category, count) in zip(categories, counts[bar]) where count > 0 {
                let top = scale.position(of: Double(stacked + count), bottom: Self.plotBottom, top: Self.plotTop)
                let bottom = scale.position(of: Double(stacked), bottom: Self.plotBottom, top: Self.plotTop)
                stacked += count
                children.append(SVGElement("rect", [
                    ("class", "bar"), ("x", ChartNumber.coordinate(x)), ("y", ChartNumber.coordinate(top)),
                    ("width", ChartNumber.coordinate(barWidth)), ("height", ChartNumber.coordinate(bottom - top)),
                    ("fill", ChartPalette.colour(forCategory: category)),
                ], children: [SVGElement("title", text: "\(when) UTC, \(category): \(count)")]))
            }
        }
        let present = categories.enumerated().filter { entry in counts.contains { $0[entry.offset] > 0 } }.map(\.element)
        if present.isEmpty {
            children.append(.label("no errors in this range", x: (Self.plotLeft + Self.plotRight) / 2,
                                   y: (Self.plotTop + Self.plotBottom) / 2,
                                   [("class", "no-data"), ("text-anchor", "middle"), ("fill", ChartPalette.axis)]))
        }
        let legend = ChartLegend.layout(present.map { ($0, ChartPalette.colour(forCategory: $0)) },
                                      left: Self.plotLeft, right: Self.plotRight, top: Self.plotBottom + 36)
        children += legend.elements
        let total = totals.reduce(0, +)
        children.append(.heading(title, x: Self.plotLeft))
        children.append(.label("UTC hours, \(total) errors", x: Self.plotLeft, y: 38,
                               [("class", "subtitle"), ("fill", ChartPalette.axis)]))
        return SVGElement.document(width: Self.width, height: legend.bottom + 12, title: title, children: children)
    }

    /// `categoryOrder` without repeats, then the other names in the data, sorted.
    func orderedCategories() -> [String] {
        var seen = Set<String>()
        var ordered = categoryOrder.filter { seen.insert($0).inserted }
        let extra = Set(hours.values.flatMap(\.keys)).subtracting(seen)
        ordered += extra.sorted()
        return ordered
    }
}
