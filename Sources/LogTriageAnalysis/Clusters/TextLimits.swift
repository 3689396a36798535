/// How much of one record's text the analysis reads and keeps, so a megabyte message (a
/// pasted dump, a runaway serializer) costs what a few kilobytes do: time stays linear in the
/// input at normal speed and memory bounded per cluster, whatever one message holds.
///
/// The limits sit far above what a message that names a failure needs: the words that tell
/// one failure from another come first.
public enum TextLimits {
    /// Bytes of a message's first line that clustering reads (the template miner's input).
    public static let clusterTextBytes = 16_384
    /// Tokens a template keeps; the rest of a longer message is one `<*>`.
    public static let templateTokens = 64
    /// Bytes of each message that classification rules and invoice-state patterns read (the
    /// same prefix `code` and `words` conditions read tokens from).
    public static let ruleTextBytes = 4_096
    /// Bytes of a stack trace read for the exception chain and the in-app frames.
    public static let stackTextBytes = 65_536
    /// Characters of a cluster's or pattern's example message kept for the reports; a longer
    /// example ends in `…`.
    public static let exampleCharacters = 2_000

    /// The first `limit` bytes of `bytes`, cut back to a UTF-8 character boundary.
    static func prefix(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> UnsafeBufferPointer<UInt8> {
        guard bytes.count > limit else { return bytes }
        var end = limit
        // Continuation bytes are 10xxxxxx: step back to the start of the character.
        while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[0..<end])
    }

    /// `text` cut to its first `limit` UTF-8 bytes (at a character boundary).
    static func prefix(_ text: String, bytes limit: Int) -> String {
        let bytes = text.utf8
        guard bytes.count > limit else { return text }
        var end = bytes.index(bytes.startIndex, offsetBy: limit)
        while end > bytes.startIndex, bytes[end] & 0xC0 == 0x80 { end = bytes.index(before: end) }
        return String(Substring(bytes[..<end]))
    }

    /// `text` cut to `exampleCharacters` characters, ending in `…` when anything was cut.
    /// Counts characters only in the first bytes that can hold them, so a long message costs
    /// no more than a short one.
    static func example(_ text: String) -> String {
        guard text.utf8.count > exampleCharacters else { return text }
        if let cut = asciiExample(text) { return cut }
        let head = prefix(text, bytes: 4 * exampleCharacters)
        if head.utf8.count == text.utf8.count, head.count <= exampleCharacters { return text }
        return String(head.prefix(exampleCharacters - 1)) + "…"
    }

    /// The example of a text longer than `exampleCharacters` bytes whose first ones are ASCII
    /// without a carriage return, cut by bytes; nil for other text. There each byte is one
    /// character (only `\r\n` joins two ASCII bytes, and a combining mark is not ASCII), and
    /// the ASCII byte after them starts one more, so the text is too long. Counting characters
    /// walks grapheme breaks, which costs more than the rest of placing a long message.
    private static func asciiExample(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard bytes.count > exampleCharacters, bytes[exampleCharacters] < 0x80 else { return nil }
            let head = UnsafeBufferPointer(rebasing: bytes[0..<exampleCharacters])
            guard !head.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: head[0..<(exampleCharacters - 1)]), as: UTF8.self) + "…"
        }
    }
}
