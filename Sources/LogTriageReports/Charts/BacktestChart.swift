/// What an alert condition would have done over the analysed range: its value per window, its
/// thresholds, and the incidents it would have opened, so a reader can judge at a glance
/// whether the threshold sits at the right height and which incidents were noise.
///
/// The value axis always reaches the thresholds, even far above the data, so "never came
/// close" is visible rather than hidden off the top. Series longer than ``maxPoints`` are
/// thinned to the highest value per pixel column, which keeps every peak that could breach.
public struct BacktestChart: Sendable {
    /// Shown as the title: the condition's name.
    public var title: String
    /// Window start (epoch ms) and the window's value; may be sparse and in any order; values
    /// that are not finite are left out.
    public var series: [(start: Int64, value: Double)]
    /// The critical threshold, drawn as a labelled dashed line.
    public var threshold: Double
    public var warningThreshold: Double?
    /// Incidents as spans; `closed` nil means still open at the end; `noise` ones are grey.
    public var incidents: [(opened: Int64, closed: Int64?, noise: Bool)]
    /// The time axis (epoch ms); nil spans the series and incidents.
    public var range: ClosedRange<Int64>?
    /// The condition's window; when given, the line breaks where a window has no value rather
    /// than bridging the gap.
    public var windowMilliseconds: Int64?

    public init(title: String, series: [(start: Int64, value: Double)], threshold: Double,
                warningThreshold: Double? = nil, incidents: [(opened: Int64, closed: Int64?, noise: Bool)] = [],
                range: ClosedRange<Int64>? = nil, windowMilliseconds: Int64? = nil) {
        self.title = title
        self.series = series
        self.threshold = threshold
        self.warningThreshold = warningThreshold
        self.incidents = incidents
        self.range = range
        self.windowMilliseconds = windowMilliseconds
    }

    /// Longer series are thinned to one point per pixel column.
    public static let maxPoints = 2000
    static let width = 960.0
    static let plotLeft = 64.0, plotRight = 850.0, plotTop = 52.0, plotBottom = 272.0

    public func svg() -> String {
        let axis = timeAxis()
        var points = series.filter { $0.value.isFinite && axis.contains($0.start) }
            .sorted { ($0.start, $0.value) < ($1.start, $1.value) }
        let thinned = points.count > Self.maxPoints
        let columns = Int(Self.plotRight - Self.plotLeft)
        if thinned { points = ChartSeries.decimated(points, columns: columns, range: axis) }
        var children: [SVGElement] = [
            .heading(title, x: Self.plotLeft),
        ]
        guard !points.isEmpty else {
            let thresholds = "critical threshold \(ChartNumber.value(threshold))"
                + (warningThreshold.map { ", warning \(ChartNumber.value($0))" } ?? "")
            children.append(.label(thresholds, x: Self.plotLeft, y: 38, [("class", "subtitle"), ("fill", ChartPalette.axis)]))
            children.append(SVGElement("rect", [
                ("x", ChartNumber.coordinate(Self.plotLeft)), ("y", ChartNumber.coordinate(Self.plotTop)),
                ("width", ChartNumber.coordinate(Self.plotRight - Self.plotLeft)),
                ("height", ChartNumber.coordinate(Self.plotBottom - Self.plotTop)), ("fill", "none"), ("stroke", ChartPalette.grid),
            ]))
            children.append(.label("no data", x: (Self.plotLeft + Self.plotRight) / 2, y: (Self.plotTop + Self.plotBottom) / 2,
                                   [("class", "no-data"), ("text-anchor", "middle"), ("font-size", "14"), ("fill", ChartPalette.axis)]))
            return SVGElement.document(width: Self.width, height: Self.plotBottom + 30, title: title, children: children)
        }
        let limits = points.map(\.value) + [threshold] + (warningThreshold.map { [$0] } ?? [])
        let scale = ChartScale(minimum: limits.min() ?? 0, maximum: limits.max() ?? 0, integral: false)
        let low = Double(axis.lowerBound), span = Double(axis.upperBound) - low
        let x = { (time: Double) in Self.plotLeft + (time - low) / span * (Self.plotRight - Self.plotLeft) }
        let y = { (value: Double) in scale.position(of: value, bottom: Self.plotBottom, top: Self.plotTop) }

        children += ChartAxes.valueAxis(scale: scale, left: Self.plotLeft, right: Self.plotRight, top: Self.plotTop, bottom: Self.plotBottom)
        children += ChartAxes.dayAxis(firstDay: ChartCalendar.floorDivide(axis.lowerBound, ChartCalendar.millisecondsPerDay),
                                      lastDay: ChartCalendar.floorDivide(axis.upperBound, ChartCalendar.millisecondsPerDay),
                                      x: { x(Double($0) * Double(ChartCalendar.millisecondsPerDay)) },
                                      left: Self.plotLeft, right: Self.plotRight, top: Self.plotTop, bottom: Self.plotBottom)
        children += incidentSpans(axis: axis, x: x)
        let gap = windowMilliseconds.map { window in max(Double(window), thinned ? 2 * span / Double(columns) : 0) }
        for run in ChartSeries.segments(points, gap: gap) {
            let coordinates = run.map { (x(Double($0.start)), y($0.value)) }
            if coordinates.count == 1 {
                children.append(SVGElement("circle", [("class", "point"), ("cx", ChartNumber.coordinate(coordinates[0].0)),
                                                      ("cy", ChartNumber.coordinate(coordinates[0].1)), ("r", "2.5"),
                                                      ("fill", ChartPalette.series)]))
            } else {
                let text = coordinates.map { ChartNumber.coordinate($0.0) + "," + ChartNumber.coordinate($0.1) }.joined(separator: " ")
                children.append(SVGElement("polyline", [("class", "series"), ("points", text), ("fill", "none"),
                                                        ("stroke", ChartPalette.series), ("stroke-width", "1.5"),
                                                        ("stroke-linejoin", "round")]))
            }
        }
        children += thresholdLine(threshold, name: "critical", colour: ChartPalette.threshold, y: y(threshold))
        if let warningThreshold {
            children += thresholdLine(warningThreshold, name: "warning", colour: ChartPalette.warning, y: y(warningThreshold))
        }
        let noise = incidents.filter(\.noise).count
        let subtitle = "\(points.count)\(thinned ? " of \(series.count)" : "") windows shown"
            + (thinned ? " (highest per pixel column)" : "") + ", \(incidents.count) incidents, \(noise) noise"
        children.append(.label(subtitle, x: Self.plotLeft, y: 38, [("class", "subtitle"), ("fill", ChartPalette.axis)]))
        var entries = [("value per window", ChartPalette.series), ("critical threshold", ChartPalette.threshold)]
        if warningThreshold != nil { entries.append(("warning threshold", ChartPalette.warning)) }
        if incidents.contains(where: { !$0.noise }) { entries.append(("incident", ChartPalette.incident)) }
        if noise > 0 { entries.append(("noise incident", ChartPalette.noiseIncident)) }
        let legend = ChartLegend.layout(entries.map { (name: $0.0, colour: $0.1) }, left: Self.plotLeft, right: Self.plotRight,
                                        top: Self.plotBottom + 34)
        children += legend.elements
        return SVGElement.document(width: Self.width, height: legend.bottom + 10, title: title, children: children)
    }

    /// `range`, or the span of the series and incidents, widened by an hour each side when it
    /// is a single instant so there is something to draw on.
    func timeAxis() -> ClosedRange<Int64> {
        if let range, range.upperBound > range.lowerBound { return range }
        let times = (range.map { [$0.lowerBound] } ?? []) + series.map(\.start)
            + incidents.flatMap { [$0.opened] + ($0.closed.map { [$0] } ?? []) }
        let low = times.min() ?? 0, high = times.max() ?? 0
        if high > low { return low...high }
        let hour = ChartCalendar.millisecondsPerHour
        return low.subtractingReportingOverflow(hour).partialValue...low.addingReportingOverflow(hour).partialValue
    }

    /// A translucent full-height rectangle per incident that overlaps the axis (class `incident`
    /// or `noise-incident`), drawn under the line; at least a pixel wide so short ones show.
    private func incidentSpans(axis: ClosedRange<Int64>, x: (Double) -> Double) -> [SVGElement] {
        incidents.compactMap { incident -> SVGElement? in
            let closed = incident.closed ?? axis.upperBound
            guard closed >= axis.lowerBound, incident.opened <= axis.upperBound else { return nil }
            let left = x(Double(max(incident.opened, axis.lowerBound)))
            let right = x(Double(min(closed, axis.upperBound)))
            let opened = ChartCalendar.hourMinuteLabel(milliseconds: incident.opened)
            let description = (incident.noise ? "noise incident" : "incident") + " opened \(opened) UTC, "
                + (incident.closed.map { "closed \(ChartCalendar.hourMinuteLabel(milliseconds: $0)) UTC" } ?? "still open")
            return SVGElement("rect", [
                ("class", incident.noise ? "noise-incident" : "incident"), ("x", ChartNumber.coordinate(left)),
                ("y", ChartNumber.coordinate(Self.plotTop)), ("width", ChartNumber.coordinate(max(1, right - left))),
                ("height", ChartNumber.coordinate(Self.plotBottom - Self.plotTop)),
                ("fill", incident.noise ? ChartPalette.noiseIncident : ChartPalette.incident),
                ("fill-opacity", incident.noise ? "0.3" : "0.18"),
            ], children: [SVGElement("title", text: description)])
        }
    }

    /// A dashed line across the plot (class `threshold` or `warning-threshold`) with its value
    /// written at the right end.
    private func thresholdLine(_ value: Double, name: String, colour: String, y: Double) -> [SVGElement] {
        let position = ChartNumber.coordinate(y)
        return [
            SVGElement("line", [
                ("class", name == "critical" ? "threshold" : "\(name)-threshold"),
                ("x1", ChartNumber.coordinate(Self.plotLeft)), ("y1", position),
                ("x2", ChartNumber.coordinate(Self.plotRight)), ("y2", position),
                ("stroke", colour), ("stroke-width", "1.5"), ("stroke-dasharray", "6 4"),
            ]),
            .label("\(name) \(ChartNumber.value(value))", x: Self.plotRight + 6, y: y + 4,
                   [("class", "threshold-label"), ("fill", colour)]),
        ]
    }
}
