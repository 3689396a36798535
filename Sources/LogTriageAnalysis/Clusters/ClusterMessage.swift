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
        let limited = TextLimits.prefix(bytes, limit: TextLimits.clusterTextBytes)
        let line = UnsafeBufferPointer(rebasing: limited[0..<ByteSearch.firstLineBreak(in: limited)])
        guard let (start, code) = HTTPStatusText.phrasedStatus(in: line, requiringCapitalisedStatus: true) else {
            return body(line)
        }
        let before = String(decoding: UnsafeBufferPointer(rebasing: line[..<start]), as: UTF8.self)
        var masked = before + answerWords(code) + " <*>"
        return masked.withUTF8(body)
    }

    /// What replaces `502 Bad Gateway: <body>` (a code followed by its own reason phrase) and
    /// the rest of the line, before `<*>`: `unavailable` for 502, 503 and 504 (one outage,
    /// whichever proxy answered), else the reason phrase, so a 401 and a 429 from the same call
    /// stay apart.
    private static func answerWords(_ code: Int) -> String {
        (502...504).contains(code) ? "unavailable" : HTTPStatusText.reasonPhrases[code]?.first ?? "status"
    }
}
