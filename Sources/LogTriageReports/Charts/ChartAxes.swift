/// The axes the charts share: a value axis with grid lines on round ticks, and a time axis
/// labelled at UTC midnights.
enum ChartAxes {
    /// A day label needs about this many pixels; closer midnights are labelled every n-th day.
    static let dayLabelWidth = 72.0

    /// Grid lines (class `grid`) and their labels (class `y-label`), in tick order, so a reader
    /// (or a test) can pair them.
    static func valueAxis(scale: ChartScale, left: Double, right: Double, top: Double, bottom: Double) -> [SVGElement] {
        var elements: [SVGElement] = []
        for tick in scale.ticks {
            let y = ChartNumber.coordinate(scale.position(of: tick, bottom: bottom, top: top))
            elements.append(SVGElement("line", [
                ("class", "grid"), ("x1", ChartNumber.coordinate(left)), ("y1", y),
                ("x2", ChartNumber.coordinate(right)), ("y2", y), ("stroke", ChartPalette.grid),
            ]))
            elements.append(SVGElement("text", [
                ("class", "y-label"), ("x", ChartNumber.coordinate(left - 6)), ("y", y), ("dy", "4"),
                ("text-anchor", "end"), ("fill", ChartPalette.axis),
            ], text: ChartNumber.value(tick)))
        }
        elements.append(SVGElement("line", [
            ("class", "axis"), ("x1", ChartNumber.coordinate(left)), ("y1", ChartNumber.coordinate(bottom)),
            ("x2", ChartNumber.coordinate(right)), ("y2", ChartNumber.coordinate(bottom)), ("stroke", ChartPalette.axis),
        ]))
        return elements
    }

    /// A separator and a `Mon 11-09` label (class `x-label`) at each labelled UTC midnight from
    /// `firstDay` to `lastDay` whose position `x(day)` lies inside the plot; when days are
    /// narrower than a label, only every n-th day is labelled, so work stays bounded by the
    /// plot's width and not the range's length.
    static func dayAxis(firstDay: Int64, lastDay: Int64, x: (Int64) -> Double,
                        left: Double, right: Double, top: Double, bottom: Double) -> [SVGElement] {
        guard lastDay >= firstDay else { return [] }
        let dayWidth = x(firstDay + 1) - x(firstDay)
        let every = dayWidth >= dayLabelWidth || dayWidth <= 0 ? 1 : Int64((dayLabelWidth / dayWidth).rounded(.up))
        var elements: [SVGElement] = []
        var day = firstDay
        while day <= lastDay {
            let position = x(day)
            if position >= left - 0.05 && position <= right - 20 {
                let text = ChartNumber.coordinate(position)
                elements.append(SVGElement("line", [
                    ("class", "day"), ("x1", text), ("y1", ChartNumber.coordinate(top)), ("x2", text),
                    ("y2", ChartNumber.coordinate(bottom + 4)), ("stroke", ChartPalette.grid),
                ]))
                elements.append(.label(ChartCalendar.dayLabel(day: day), x: position + 3, y: bottom + 16,
                                       [("class", "x-label"), ("fill", ChartPalette.axis)]))
            }
            let (next, overflow) = day.addingReportingOverflow(every)
            if overflow { break }
            day = next
        }
        return elements
    }
}
