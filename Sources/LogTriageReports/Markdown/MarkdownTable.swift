/// A GitHub-flavoured markdown pipe table that also reads as a plain-text table.
///
/// Every row has exactly one cell per column (checked on `append`), so the rendered table is
/// always well formed. Cells are kept on one line, trimmed, escaped (`|` as `\|`) and
/// optionally shortened; columns are padded with spaces to their display width, so the
/// markdown source lines up when it is pasted into Jira or Confluence as text.
public struct MarkdownTable: Sendable {
    /// The header: titles, alignments and width limits, left to right.
    public let columns: [Column]
    /// The body rows as given; escaping and shortening happen only in `rendered()`.
    public private(set) var rows: [[Cell]] = []

    /// An empty table; there must be at least one column.
    public init(columns: [Column]) {
        precondition(!columns.isEmpty, "a markdown table needs at least one column")
        self.columns = columns
    }

    /// A table whose columns are all left-aligned and unlimited in width.
    public init(header: [String]) {
        self.init(columns: header.map { Column($0) })
    }

    /// The column titles.
    public var header: [String] { columns.map(\.title) }

    /// Adds a row of plain-text cells (one per column).
    public mutating func append(_ row: [String]) {
        append(row.map(Cell.text))
    }

    /// Adds a row; it must have exactly one cell per column, or the program stops.
    public mutating func append(_ row: [Cell]) {
        precondition(row.count == columns.count, "a markdown table row must have one cell per column")
        rows.append(row)
    }

    /// The table: a header line, a separator line, one line per row, each ending in a line
    /// break. Column widths depend only on the content, so the same rows render the same.
    public func rendered() -> String {
        let headerCells = columns.map { Cell.text($0.title).markdown(maxWidth: nil) }
        let bodyCells = rows.map { row in zip(row, columns).map { $0.markdown(maxWidth: $1.maxWidth) } }
        var widths = headerCells.map { max(3, DisplayText.width(of: $0)) }
        for row in bodyCells {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], DisplayText.width(of: cell)) }
        }
        var out = line(headerCells, widths: widths)
        out += "| " + zip(columns, widths).map { $0.alignment.separator(width: $1) }.joined(separator: " | ") + " |\n"
        for row in bodyCells { out += line(row, widths: widths) }
        return out
    }

    private func line(_ cells: [String], widths: [Int]) -> String {
        let padded = cells.indices.map { DisplayText.padded(cells[$0], to: widths[$0], alignment: columns[$0].alignment) }
        return "| " + padded.joined(separator: " | ") + " |\n"
    }
}
