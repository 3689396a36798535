/// The rules behind `MarkdownText.escaped`, decided per Unicode scalar because CommonMark
/// and GitHub read markdown code point by code point.
///
/// A backslash is added before:
/// - `` ` `` always (code spans), and `\` before ASCII punctuation or at the end;
/// - a run of `*`, `_` or `~` that could open or close emphasis or strikethrough: kept
///   only between two spaces, and `_` also between two letters or digits (`snake_case`);
/// - `<` that could start HTML or an autolink, `]` before `(` or `[` (links and images),
///   `&` that starts an entity such as `&amp;`, and `$` when the text has two of them
///   (GitHub renders `$…$` as math); inside link text, every `[` and `]`;
/// - at the start of a line, what would open a block: `#`, `>`, `[`, a list marker
///   (`-`, `+`, `1.`, `1)`) or a thematic break (`---`).
package struct MarkdownInlineEscaper {
    private let scalars: [Unicode.Scalar]
    private let atLineStart: Bool
    private let insideLinkText: Bool

    init(_ text: String, atLineStart: Bool, insideLinkText: Bool = false) {
        scalars = Array(text.unicodeScalars)
        self.atLineStart = atLineStart
        self.insideLinkText = insideLinkText
    }

    func escaped() -> String {
        var out = String.UnicodeScalarView()
        let escapeDollars = scalars.lazy.filter { $0 == "$" }.prefix(2).count == 2
        let blockMarker = atLineStart ? blockMarkerIndex() : nil
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "*" || scalar == "_" || scalar == "~" {
                var end = index
                while end < scalars.count, scalars[end] == scalar { end += 1 }
                let escape = runMayDelimit(scalar, from: index, to: end)
                for _ in index..<end {
                    if escape { out.append("\\") }
                    out.append(scalar)
                }
                index = end
                continue
            }
            if index == blockMarker || needsEscape(at: index) || (scalar == "$" && escapeDollars) {
                out.append("\\")
            }
            out.append(scalar)
            index += 1
        }
        return String(out)
    }

    private func scalar(at index: Int) -> Unicode.Scalar? {
        scalars.indices.contains(index) ? scalars[index] : nil
    }

    private func needsEscape(at index: Int) -> Bool {
        let next = scalar(at: index + 1)
        switch scalars[index] {
        case "`": return true
        case "\\": return next.map(Self.isASCIIPunctuation) ?? true
        case "<": return next.map { Self.isASCIILetter($0) || $0 == "/" || $0 == "!" || $0 == "?" } ?? false
        case "[": return insideLinkText
        case "]": return insideLinkText || next == "(" || next == "["
        case "&": return startsEntity(at: index)
        default: return false
        }
    }

    /// Whether a run of `*`, `_` or `~` is left- or right-flanking (CommonMark 6.2), that is
    /// could open or close emphasis; the text's ends count as neither space nor word.
    private func runMayDelimit(_ marker: Unicode.Scalar, from start: Int, to end: Int) -> Bool {
        guard let before = scalar(at: start - 1), let after = scalar(at: end) else { return true }
        if Self.isWhitespace(before) && Self.isWhitespace(after) { return false }
        if marker == "_", Self.isWordy(before), Self.isWordy(after) { return false }
        return true
    }

    /// `&name;`, `&#123;` or `&#x1F;`, which markdown would turn into one character.
    private func startsEntity(at index: Int) -> Bool {
        var position = index + 1
        while position < scalars.count, position - index <= 32,
              Self.isASCIILetter(scalars[position]) || ("0"..."9").contains(scalars[position]) || scalars[position] == "#" {
            position += 1
        }
        return position > index + 1 && scalar(at: position) == ";"
    }

    /// The index to escape so the line does not open a block, if any.
    private func blockMarkerIndex() -> Int? {
        guard let first = scalars.first else { return nil }
        let second = scalar(at: 1)
        switch first {
        case "#", ">", "[": return 0
        case "-", "+":
            if second.map(Self.isWhitespace) ?? true { return 0 }
            let isThematicBreak = scalars.allSatisfy { $0 == first || $0 == " " || $0 == "\t" }
                && scalars.lazy.filter { $0 == first }.count >= 3
            return isThematicBreak ? 0 : nil
        case "0"..."9":
            let digits = scalars.prefix(while: { ("0"..."9").contains($0) }).count
            guard digits <= 9, let marker = scalar(at: digits), marker == "." || marker == ")",
                  scalar(at: digits + 1).map(Self.isWhitespace) ?? true else { return nil }
            return digits
        default:
            return nil
        }
    }

    package static func isASCIIPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
        default: return false
        }
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }

    /// Neither whitespace nor punctuation (Unicode P* and S*): inside a word.
    private static func isWordy(_ scalar: Unicode.Scalar) -> Bool {
        guard !isWhitespace(scalar), !isASCIIPunctuation(scalar) else { return false }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return false
        default:
            return true
        }
    }
}
