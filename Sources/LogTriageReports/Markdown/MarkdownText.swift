/// Pieces of GitHub-flavoured markdown built from arbitrary text (templates, messages,
/// service names), so log content can never turn into emphasis, links, HTML or headings.
///
/// Escaping is minimal on purpose: a backslash goes only where a markdown reader would
/// otherwise act (`snake_case` and `a * b` stay as they are), because the same report is
/// also pasted as plain text. Everything is one line unless it is a block (`codeBlock`).
public enum MarkdownText {
    /// `text` as literal inline markdown, on one line.
    ///
    /// Line breaks become spaces. With `atLineStart` (the default) the text may begin a line,
    /// so leading spaces are dropped and what would start a heading, quote, list, thematic
    /// break or link definition is escaped too; table cells pass `false`.
    public static func escaped(_ text: String, atLineStart: Bool = true) -> String {
        var line = oneLine(text)
        if atLineStart { line = String(line.drop(while: { $0 == " " || $0 == "\t" })) }
        return MarkdownInlineEscaper(line, atLineStart: atLineStart).escaped()
    }

    /// `text` as the text of a link or an image's description, on one line.
    ///
    /// As `escaped`, and every bracket escaped too: inside link text a `[` that the text does
    /// not balance opens a link of its own (`[a](b)` from a log line would become a link and
    /// leave the image broken), and a `]` ends the text early.
    public static func linkText(_ text: String) -> String {
        MarkdownInlineEscaper(oneLine(text), atLineStart: false, insideLinkText: true).escaped()
    }

    /// `text` as an inline code span, on one line; empty text gives an empty string.
    ///
    /// The fence is one backtick longer than the longest run of backticks inside, and a
    /// space pads the content when it starts or ends with a backtick (markdown strips one
    /// such space on each side), so any text survives verbatim.
    public static func code(_ text: String) -> String {
        let content = oneLine(text)
        guard !content.isEmpty else { return "" }
        let fence = String(repeating: "`", count: longestRun(of: "`", in: content) + 1)
        let edgesAreSpaces = content.first == " " && content.last == " " && content.contains { $0 != " " }
        let padded = content.first == "`" || content.last == "`" || edgesAreSpaces
        return padded ? "\(fence) \(content) \(fence)" : fence + content + fence
    }

    /// `text` as a fenced code block ending in a line break, lines kept as they are.
    ///
    /// The fence is at least three backticks and longer than any backtick run in `text`, so
    /// no line inside can close it. `language` (an info string such as `json`) loses any
    /// backticks and spaces, which markdown does not allow there.
    public static func codeBlock(_ text: String, language: String = "") -> String {
        let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: text) + 1))
        let info = language.filter { $0 != "`" && !$0.isWhitespace }
        var body = text
        if !body.isEmpty, !body.hasSuffix("\n") { body.append("\n") }
        return "\(fence)\(info)\n\(body)\(fence)\n"
    }

    /// An ATX heading (`## text`) with `text` escaped, ending in a line break.
    ///
    /// `level` is clamped to 1...6. A trailing run of `#` is escaped, since markdown would
    /// read it as the heading's optional closing sequence and drop it.
    public static func heading(_ text: String, level: Int) -> String {
        var title = escaped(text)
        if let last = title.lastIndex(where: { $0 != "#" }), title[last] == " " || title[last] == "\t",
           title.index(after: last) < title.endIndex {
            title.insert("\\", at: title.index(after: last))
        }
        let hashes = String(repeating: "#", count: min(6, max(1, level)))
        return title.isEmpty ? hashes + "\n" : "\(hashes) \(title)\n"
    }

    /// A bullet list (`- item` per line) ending in a line break.
    ///
    /// Items are markdown already (build them with `escaped` and `code`); a line break
    /// inside an item is indented so the next line stays part of that item.
    public static func bulletList(_ items: [String]) -> String {
        items.map { "- " + $0.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  ") + "\n" }
            .joined()
    }

    /// `text` with every line break (CR LF, CR, LF, and Unicode's line and paragraph
    /// separators) replaced by one space.
    static func oneLine(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        return String(text.map { $0.isNewline ? " " : $0 })
    }

    static func longestRun(of target: Character, in text: String) -> Int {
        var longest = 0, current = 0
        for character in text {
            current = character == target ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}
