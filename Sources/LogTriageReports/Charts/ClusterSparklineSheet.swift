/// Many clusters' sparklines in one SVG, each beside its id, template and week total, so the
/// report links one file rather than one per cluster.
public struct ClusterSparklineSheet: Sendable, Equatable {
    /// Drawn top to bottom in this order: the caller picks and ranks the top clusters.
    public var rows: [ClusterSparklineRow]
    public var title: String

    public init(rows: [ClusterSparklineRow], title: String = "Top clusters: errors per day") {
        self.rows = rows
        self.title = title
    }

    /// Templates longer than this many characters are cut and end in `…`.
    public static let templateLength = 60
    static let width = 700.0, top = 52.0, rowHeight = 30.0
    static let labelX = 8.0, sparklineX = 500.0, totalX = 692.0

    public func svg() -> String {
        var children: [SVGElement] = [
            .heading(title, x: Self.labelX),
        ]
        let header = [("class", "header"), ("fill", ChartPalette.axis)]
        children.append(.label("cluster and template", x: Self.labelX, y: Self.top - 4, header))
        children.append(.label("errors per day", x: Self.sparklineX, y: Self.top - 4, header))
        children.append(.label("total", x: Self.totalX, y: Self.top - 4, header + [("text-anchor", "end")]))
        if rows.isEmpty {
            children.append(.label("no clusters", x: Self.labelX, y: Self.top + 16, [("class", "no-data"), ("fill", ChartPalette.axis)]))
        }
        for (index, row) in rows.enumerated() {
            let y = Self.top + Double(index) * Self.rowHeight
            let total = Set(row.sparkline.days).reduce(0) { $0 + max(0, row.sparkline.counts[$1] ?? 0) }
            children.append(SVGElement("text", [
                ("class", "row-label"), ("x", ChartNumber.coordinate(Self.labelX)), ("y", ChartNumber.coordinate(y + 16)),
                ("fill", ChartPalette.text),
            ], children: [
                SVGElement("tspan", [("class", "cluster-id"), ("font-weight", "bold")], text: row.clusterID),
                SVGElement("tspan", [("class", "template"), ("dx", "8")], text: Self.shortened(row.template)),
            ]))
            children.append(SVGElement("g", [
                ("class", "row"), ("transform", "translate(\(ChartNumber.coordinate(Self.sparklineX)),\(ChartNumber.coordinate(y)))"),
            ], children: row.sparkline.marks()))
            children.append(.label(String(total), x: Self.totalX, y: y + 16,
                                   [("class", "total"), ("text-anchor", "end"), ("fill", ChartPalette.axis)]))
        }
        let height = Self.top + Double(max(1, rows.count)) * Self.rowHeight + 8
        return SVGElement.document(width: Self.width, height: height, title: title, children: children)
    }

    /// `template` on one line, cut to ``templateLength`` characters with a trailing `…`.
    static func shortened(_ template: String) -> String {
        let flat = String(template.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        guard flat.count > templateLength else { return flat }
        return String(flat.prefix(templateLength - 1)) + "…"
    }
}
