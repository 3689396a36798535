/// The text of a record that names its kind of failure, prepared for the template miner.
///
/// It is the human text: a JSON message's own `message`/`msg`, else the log message, else the
/// error message; only its first line (a stack trace may follow). An HTTP status with its
/// reason phrase and whatever follows it (a response body) is one variable, so the same call
/// answering 502, 503 or 504 reads as one kind of failure.
enum ClusterMessage {
    static func text(of record: RecordView) -> String {
        let raw = record.embeddedMessageText ?? record.string(.message) ?? record.string(.errorMessage) ?? ""
        var text = raw
        let lineEnd = text.withUTF8 { bytes in bytes.firstIndex { $0 == 0x0A || $0 == 0x0D } }
        if let lineEnd { text = String(decoding: text.utf8.prefix(lineEnd), as: UTF8.self) }
        return maskingHTTPStatusTail(text)
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

    /// A cheap test before the regular expression: three digits, a space, then a capital
    /// (reason phrases are capitalised: `Bad Gateway`, `UNAUTHORIZED`; `620 ms` is not one).
    private static func mayHoldStatus(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            var digits = 0
            var afterDigits = false
            for byte in bytes {
                if afterDigits {
                    if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { return true }
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
}
