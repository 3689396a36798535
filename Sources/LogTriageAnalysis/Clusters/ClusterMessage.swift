import LogTriageBasics
import LogTriageIngest

/// The text of a record that names its kind of failure, prepared for the template miner.
///
/// It is the human text: a JSON message's own `message`/`msg`, else the log message, else the
/// error message; only its first line (a stack trace may follow), and of that at most
/// ``TextLimits/clusterTextBytes``. An HTTP status with its
/// reason phrase and whatever follows it (a response body) becomes words for the kind of
/// answer and one variable, so the same call answering 502, 503 or 504 reads as one kind of
/// failure. Works on the record's bytes: no string is built unless a status has to be masked.
enum ClusterMessage {
    /// Calls `body` with the prepared text's UTF-8 bytes.
    static func withText<Result>(of record: RecordView, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if var embedded = record.embeddedMessageText {
            return embedded.withUTF8 { withFirstLine(of: $0, body) }
        }
        let value = record.value(.message) ?? record.value(.errorMessage)
        return withFirstLine(of: value?.bytes ?? UnsafeBufferPointer(start: nil, count: 0), body)
    }

    /// The prepared text as a string (for examples and tests).
    static func text(of record: RecordView) -> String {
        withText(of: record) { String(decoding: $0, as: UTF8.self) }
    }

    private static func withFirstLine<Result>(of bytes: UnsafeBufferPointer<UInt8>,
                                              _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let start = TextLimits.prefix(bytes, limit: TextLimits.clusterTextBytes)
        let end = ByteSearch.firstLineBreak(in: start)
        let line = UnsafeBufferPointer(rebasing: start[0..<end])
        guard mayHoldStatus(line) else { return body(line) }
        var masked = maskingHTTPStatusTail(String(decoding: line, as: UTF8.self))
        return masked.withUTF8(body)
    }

    /// Replaces `502 Bad Gateway: <body>` (a code followed by its own reason phrase) and the
    /// rest of the line with words for the kind of answer and `<*>`: `unavailable` for 502,
    /// 503 and 504 (one outage, whichever proxy answered), else the reason phrase, so a 401
    /// and a 429 from the same call stay apart.
    static func maskingHTTPStatusTail(_ text: String) -> String {
        guard let (start, code) = HTTPStatusText.phrasedStatus(in: text) else { return text }
        let words = (502...504).contains(code) ? "unavailable" : HTTPStatusText.reasonPhrases[code]?.first ?? "status"
        return String(text[..<start]) + words + " <*>"
    }

    /// A cheap test before the regular expression: three digits, a space, then a capital
    /// (reason phrases are capitalised: `Bad Gateway`, `UNAUTHORIZED`; `620 ms` is not one).
    private static func mayHoldStatus(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = 0
        var afterDigits = false
        var index = 0
        while index < bytes.count {
            // Between statuses, text up to the next digit cannot start one.
            if digits == 0, !afterDigits {
                guard let next = DigitScan.firstDigit(in: bytes, from: index) else { return false }
                index = next
            }
            let byte = bytes[index]
            index += 1
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
