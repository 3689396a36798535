/// A word-sized chart of one cluster's errors per day, small enough to sit in a table row, so
/// a reader sees whether a cluster is new, steady, growing or gone.
///
/// The last day's value gets a dot, because "how is it now" is what the report is read for.
public struct ClusterSparkline: Sendable, Equatable {
    /// The days to show (days since 1970-01-01 UTC), normally every day of the analysed week;
    /// drawn sorted and without repeats, each evenly spaced.
    public var days: [Int]
    /// Day → errors; days missing here read 0, days not in `days` are not drawn.
    public var counts: [Int: Int]

    public init(days: [Int], counts: [Int: Int]) {
        self.days = days
        self.counts = counts
    }

    static let width = 120.0, height = 24.0, padding = 3.0

    /// A standalone SVG file of `width` × `height`.
    public func svg() -> String {
        let total = Set(days).reduce(0) { $0 + max(0, counts[$1] ?? 0) }
        return SVGElement.document(width: Self.width, height: Self.height, title: "errors per day, \(total) in all",
                                   children: marks())
    }

    /// The line (class `sparkline`) and the last-value dot (class `last`), in a box of `width` ×
    /// `height` from the origin; the sheet moves them into place.
    func marks() -> [SVGElement] {
        let sortedDays = Array(Set(days)).sorted()
        guard !sortedDays.isEmpty else { return [] }
        let values = sortedDays.map { max(0, counts[$0] ?? 0) }
        let peak = Double(values.max() ?? 0)
        let step = sortedDays.count > 1 ? (Self.width - 2 * Self.padding) / Double(sortedDays.count - 1) : 0
        let points = values.enumerated().map { index, value -> (x: Double, y: Double) in
            let x = sortedDays.count > 1 ? Self.padding + Double(index) * step : Self.width / 2
            let share = peak > 0 ? Double(value) / peak : 0
            return (x, Self.height - Self.padding - share * (Self.height - 2 * Self.padding))
        }
        var elements: [SVGElement] = []
        if points.count > 1 {
            let text = points.map { ChartNumber.coordinate($0.x) + "," + ChartNumber.coordinate($0.y) }.joined(separator: " ")
            elements.append(SVGElement("polyline", [
                ("class", "sparkline"), ("points", text), ("fill", "none"), ("stroke", ChartPalette.series),
                ("stroke-width", "1.5"), ("stroke-linejoin", "round"),
            ]))
        }
        let last = points[points.count - 1]
        elements.append(SVGElement("circle", [
            ("class", "last"), ("cx", ChartNumber.coordinate(last.x)), ("cy", ChartNumber.coordinate(last.y)),
            ("r", "2"), ("fill", ChartPalette.threshold),
        ], children: [SVGElement("title", text: "last day: \(values[values.count - 1])")]))
        return elements
    }
}
