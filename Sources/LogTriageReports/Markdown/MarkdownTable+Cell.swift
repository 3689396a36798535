extension MarkdownTable {
    /// What a cell holds, which decides how it is escaped.
    public enum Cell: Sendable, Equatable, ExpressibleByStringLiteral {
        /// Plain text: every markdown character in it shows as itself.
        case text(String)
        /// Text shown as inline code (templates, class names): verbatim, no escapes to read.
        case code(String)
        /// Markdown already (a link, bold text): only pipes are escaped, and it is never
        /// shortened, since cutting markup could break it.
        case markdown(String)

        public init(stringLiteral value: String) { self = .text(value) }

        /// The cell's markdown on one line, trimmed, shortened and with `|` escaped as `\|`.
        ///
        /// GitHub splits a row on pipes before it reads anything else and removes one
        /// backslash before each pipe, which is why `\|` works even inside a code span and
        /// why a backslash before a pipe in plain text is doubled (by `MarkdownText.escaped`).
        func markdown(maxWidth: Int?) -> String {
            let content: String
            switch self {
            case let .text(text): content = MarkdownText.escaped(Self.fitted(text, maxWidth), atLineStart: false)
            case let .code(text): content = MarkdownText.code(Self.fitted(text, maxWidth))
            case let .markdown(text): content = Self.trimmed(MarkdownText.oneLine(text))
            }
            return content.replacingOccurrences(of: "|", with: "\\|")
        }

        private static func fitted(_ text: String, _ maxWidth: Int?) -> String {
            let line = trimmed(String(MarkdownText.oneLine(text).map { $0 == "\t" ? " " : $0 }))
            return maxWidth.map { DisplayText.shortened(line, to: $0) } ?? line
        }

        private static func trimmed(_ text: String) -> String {
            guard let first = text.firstIndex(where: { !$0.isWhitespace }),
                  let last = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
            return String(text[first...last])
        }
    }
}
