/// A legend of colour swatches and names laid out in rows across the chart's width; without
/// font metrics, a name's width is estimated from its length.
enum ChartLegend {
    static let rowHeight = 18.0
    static let characterWidth = 6.5

    /// Elements (each entry a swatch and a `legend` text) and the y below the last row.
    static func layout(_ entries: [(name: String, colour: String)], left: Double, right: Double,
                       top: Double) -> (elements: [SVGElement], bottom: Double) {
        var elements: [SVGElement] = []
        var x = left, y = top
        for entry in entries {
            let width = 14 + Double(entry.name.count) * characterWidth + 16
            if x > left && x + width > right { x = left; y += rowHeight }
            elements.append(SVGElement("rect", [
                ("x", ChartNumber.coordinate(x)), ("y", ChartNumber.coordinate(y)), ("width", "10"), ("height", "10"),
                ("fill", entry.colour),
            ]))
            elements.append(.label(entry.name, x: x + 14, y: y + 9, [("class", "legend"), ("fill", ChartPalette.text)]))
            x += width
        }
        return (elements, entries.isEmpty ? top : y + rowHeight)
    }
}
