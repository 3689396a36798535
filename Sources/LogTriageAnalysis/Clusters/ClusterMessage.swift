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
        withFirstLine(of: record) { withStatusMasked($0, body) }
    }

    /// Calls `body` with the text before its status is masked: the human text's first line, at
    /// most ``TextLimits/clusterTextBytes`` of it. ``withStatusMasked(_:_:)`` of it is the
    /// prepared text; `patterns` copies this on the reading thread and masks it on the mining
    /// thread, which had less to do (looking for a status is most of the preparing).
    static func withFirstLine<Result>(of record: RecordView, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if var embedded = record.embeddedMessageText {
            return embedded.withUTF8 { body(firstLine(of: $0)) }
        }
        let value = record.value(.message) ?? record.value(.errorMessage)
        return body(firstLine(of: value?.bytes ?? UnsafeBufferPointer(start: nil, count: 0)))
    }

    /// The prepared text as a string (for examples and tests).
    static func text(of record: RecordView) -> String {
        withText(of: record) { String(decoding: $0, as: UTF8.self) }
    }

    private static func firstLine(of bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let limited = TextLimits.prefix(bytes, limit: TextLimits.clusterTextBytes)
        return UnsafeBufferPointer(rebasing: limited[0..<ByteSearch.firstLineBreak(in: limited)])
    }

    /// Calls `body` with `line` (``withFirstLine(of:_:)``'s) prepared: an HTTP status with its
    /// reason phrase, and what follows it, masked.
    static func withStatusMasked<Result>(_ line: UnsafeBufferPointer<UInt8>,
                                         _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        guard let (start, code) = HTTPStatusText.phrasedStatus(in: line, requiringCapitalisedStatus: true) else {
            return try body(line)
        }
        let before = String(decoding: UnsafeBufferPointer(rebasing: line[..<start]), as: UTF8.self)
        var masked = before + answerWords(code) + " <*>"
        return try masked.withUTF8(body)
    }

    /// What replaces `502 Bad Gateway: <body>` (a code followed by its own reason phrase) and
    /// the rest of the line, before `<*>`: `unavailable` for 502, 503 and 504 (one outage,
    /// whichever proxy answered), else the reason phrase, so a 401 and a 429 from the same call
    /// stay apart.
    private static func answerWords(_ code: Int) -> String {
        (502...504).contains(code) ? "unavailable" : HTTPStatusText.reasonPhrases[code]?.first ?? "status"
    }
}
