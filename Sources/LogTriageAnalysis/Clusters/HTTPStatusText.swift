import Foundation

/// Finds an HTTP status code in free text, for records whose status field is missing but whose
/// message says it (`503 Service Unavailable`, `status code 401`, `HTTP/1.1 429`).
///
/// Only two shapes are accepted, because a bare three-digit number in a log message is as likely
/// an amount or a count: a code followed by its own reason phrase (the phrase must belong to that
/// code), or a code right after a word that announces one (`status`, `status code`, `HTTP`, …).
enum HTTPStatusText {
    /// Reason phrases that may follow a code, keyed by code; each code's phrases as servers and
    /// Spring print them (compared case-insensitively, so `401 UNAUTHORIZED` matches).
    static let reasonPhrases: [Int: [String]] = [
        400: ["bad request"], 401: ["unauthorized"], 402: ["payment required"], 403: ["forbidden"],
        404: ["not found"], 405: ["method not allowed"], 406: ["not acceptable"], 408: ["request timeout"],
        409: ["conflict"], 410: ["gone"], 413: ["payload too large", "request entity too large"],
        415: ["unsupported media type"], 422: ["unprocessable entity", "unprocessable content"],
        423: ["locked"], 429: ["too many requests"], 500: ["internal server error"], 501: ["not implemented"],
        502: ["bad gateway"], 503: ["service unavailable", "service temporarily unavailable"],
        504: ["gateway timeout", "gateway time-out"],
    ]

    private static let phrased: NSRegularExpression = {
        let phrases = Set(reasonPhrases.values.joined()).sorted { $0.count > $1.count }
            .map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
        return try! NSRegularExpression(
            pattern: #"(?<![\w.])([1-5]\d\d)(?:\s*:)?\s+("# + phrases + #")\b"#, options: [.caseInsensitive])
    }()

    private static let announced = try! NSRegularExpression(
        pattern: #"(?:status[ _-]?code|http[ _-]?status|status|response[ _-]?code|HTTP/\d(?:\.\d)?|HTTP)\s*[:=]?\s*"?([1-5]\d\d)(?![\w.])"#,
        options: [.caseInsensitive])

    /// The first status code found in `text`, or nil.
    static func find(in text: String) -> Int? {
        guard mayHoldCode(text) else { return nil }
        let range = NSRange(text.startIndex..., in: text)
        for match in phrased.matches(in: text, range: range) {
            guard let codeRange = Range(match.range(at: 1), in: text),
                  let phraseRange = Range(match.range(at: 2), in: text),
                  let code = Int(text[codeRange]) else { continue }
            if reasonPhrases[code]?.contains(text[phraseRange].lowercased()) == true { return code }
        }
        if let match = announced.firstMatch(in: text, range: range),
           let codeRange = Range(match.range(at: 1), in: text) {
            return Int(text[codeRange])
        }
        return nil
    }

    /// Whether `text` holds a digit from 1 to 5 followed by two more, as every code both
    /// shapes read does: most messages are passed over without a regular expression.
    static func mayHoldCode(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while let start = DigitScan.firstDigit(in: bytes, from: index) {
                var end = start
                while end < bytes.count, end - start < 3, bytes[end] &- UInt8(ascii: "0") < 10 { end += 1 }
                if end - start == 3, bytes[start] >= UInt8(ascii: "1"), bytes[start] <= UInt8(ascii: "5") { return true }
                // Past the rest of this run of digits: a code starts a run.
                while end < bytes.count, bytes[end] &- UInt8(ascii: "0") < 10 { end += 1 }
                index = end
            }
            return false
        }
    }

    /// Where the first code followed by its own reason phrase starts, and the code; or nil.
    static func phrasedStatus(in text: String) -> (String.Index, Int)? {
        let range = NSRange(text.startIndex..., in: text)
        for match in phrased.matches(in: text, range: range) {
            guard let codeRange = Range(match.range(at: 1), in: text),
                  let phraseRange = Range(match.range(at: 2), in: text),
                  let code = Int(text[codeRange]) else { continue }
            if reasonPhrases[code]?.contains(text[phraseRange].lowercased()) == true { return (codeRange.lowerBound, code) }
        }
        return nil
    }

    /// The code in a status field (`"503"`, `"503.0"`), or nil when it is not one.
    static func parseField(_ field: String) -> Int? {
        let trimmed = field.trimmingCharacters(in: .whitespaces)
        let code = Int(trimmed) ?? Double(trimmed).flatMap { $0 == $0.rounded() ? Int(exactly: $0) : nil }
        guard let code, (100...599).contains(code) else { return nil }
        return code
    }
}
