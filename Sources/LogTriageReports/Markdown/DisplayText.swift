/// The width text takes in a monospaced view (a terminal, a code block, a plain-text paste
/// into Jira or Confluence), so report columns line up and shortened text fits its column.
///
/// Counts whole characters (grapheme clusters): an emoji with its modifiers or a letter with
/// combining marks is one unit and is never split. Emoji and East Asian wide characters count
/// two columns, as terminals draw them; everything else one, zero-width marks none. The
/// tables are fixed, so the result is the same on every machine and locale.
public enum DisplayText {
    /// Columns `text` takes.
    public static func width(of text: String) -> Int {
        text.reduce(0) { $0 + width(of: $1) }
    }

    /// Columns one character takes: 0, 1 or 2.
    public static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.contains(where: { $0.properties.isEmojiPresentation }) { return 2 }
        if first.properties.isEmoji, scalars.contains("\u{FE0F}") { return 2 }
        if isWide(first) { return 2 }
        switch first.properties.generalCategory {
        case .control, .format, .nonspacingMark, .enclosingMark: return 0
        default: return 1
        }
    }

    /// `text` cut to at most `width` columns, ending in `…` when anything was cut.
    ///
    /// Cuts only between characters, drops the spaces before the `…`, and returns an empty
    /// string for a width below 1, so the result never exceeds `width`.
    public static func shortened(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        guard Self.width(of: text) > width else { return text }
        var end = text.startIndex
        var used = 0
        for index in text.indices {
            let next = Self.width(of: text[index])
            guard used + next <= width - 1 else { break }
            used += next
            end = text.index(after: index)
        }
        var kept = text[..<end]
        while let last = kept.last, last.isWhitespace { kept = kept.dropLast() }
        return kept + "…"
    }

    /// `text` with spaces added to fill `width` columns, placed by `alignment`.
    static func padded(_ text: String, to width: Int, alignment: MarkdownTable.Alignment) -> String {
        let missing = max(0, width - Self.width(of: text))
        switch alignment {
        case .left: return text + String(repeating: " ", count: missing)
        case .right: return String(repeating: " ", count: missing) + text
        case .center:
            let before = missing / 2
            return String(repeating: " ", count: before) + text + String(repeating: " ", count: missing - before)
        }
    }

    /// East Asian Wide and Fullwidth blocks (Hangul Jamo, CJK, Hiragana, Katakana, Hangul
    /// syllables, fullwidth forms): the ones log text meets, not the whole Unicode table.
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
