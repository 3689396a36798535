extension MarkdownTable {
    /// One column: its title, how its cells line up, and an optional limit on their width.
    public struct Column: Sendable, Equatable {
        /// The header text, escaped like a plain-text cell.
        public let title: String
        public let alignment: Alignment
        /// Display columns a cell's text may take before it is shortened with `…`; the
        /// markup around it (code backticks, escapes) is not counted. The title is never cut.
        public let maxWidth: Int?

        /// A column; `maxWidth`, when given, must be positive.
        public init(_ title: String, alignment: Alignment = .left, maxWidth: Int? = nil) {
            precondition(maxWidth.map { $0 > 0 } ?? true, "a column's maximum width must be positive")
            self.title = title
            self.alignment = alignment
            self.maxWidth = maxWidth
        }
    }

    /// Where a column's cells sit; numbers read best right-aligned.
    public enum Alignment: Sendable, Equatable {
        case left, center, right

        /// The separator-row cell (`:---`, `:---:`, `---:`) filling `width` columns (at least 3).
        func separator(width: Int) -> String {
            switch self {
            case .left: ":" + String(repeating: "-", count: width - 1)
            case .center: ":" + String(repeating: "-", count: width - 2) + ":"
            case .right: String(repeating: "-", count: width - 1) + ":"
            }
        }
    }
}
