/// The text of a record that names its kind of failure, prepared for the template miner.
///
/// It is the human text: a JSON message's own `message`/`msg`, else the log message, else the
/// error message; only its first line (a stack trace may follow). An HTTP status with its
/// reason phrase and whatever follows it (a response body) is one variable, so the same call
/// answering 502, 503 or 504 reads as one kind of failure.
enum ClusterMessage {
    static func text(of record: RecordView) -> String {
        let raw = record.embeddedMessageText ?? record.string(.message) ?? record.string(.errorMessage) ?? ""
        let utf8 = raw.utf8
        let firstLine = utf8.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }).map { String(raw[..<$0]) } ?? raw
        return maskingHTTPStatusTail(firstLine)
    }

    /// Replaces `502 Bad Gateway: <body>` (a code followed by its own reason phrase) and the
    /// rest of the line with words for the kind of answer and `<*>`: `unavailable` for 502,
    /// 503 and 504 (one outage, whichever proxy answered), else the reason phrase, so a 401
    /// and a 429 from the same call stay apart.
    static func maskingHTTPStatusTail(_ text: String) -> String {
        guard mayHoldStatus(text), let (start, code) = HTTPStatusText.phrasedStatus(in: text) else { return text }
        let words = (502...504).contains(code) ? "unavailable" : HTTPStatusText.reasonPhrases[code]?.first ?? "status"
        return String(text[..<start]) + words + " <*>"
    }

    /// A cheap test before the regular expression: three digits, a space, then a letter.
    private static func mayHoldStatus(_ text: String) -> Bool {
        var digits = 0
        var afterDigits = false
        for byte in text.utf8 {
            if afterDigits {
                if (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") { return true }
                afterDigits = false
            }
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits += 1
            } else {
                afterDigits = digits == 3 && byte == 0x20
                digits = 0
            }
        }
        return false
    }
}
