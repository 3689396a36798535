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

    /// Every reason phrase with its code, longest first: at one place the longest phrase that
    /// ends a word is the one read, and it must then be the code's own.
    private static let phrases: [(bytes: [UInt8], code: Int)] = reasonPhrases
        .flatMap { code, phrases in phrases.map { (bytes: Array($0.utf8), code: code) } }
        .sorted {
            $0.bytes.count != $1.bytes.count ? $0.bytes.count > $1.bytes.count : $0.bytes.lexicographicallyPrecedes($1.bytes)
        }

    /// The first letters of the phrases, a bit per letter from `a`.
    private static let phraseInitials: UInt32 = phrases.reduce(0) { $0 | 1 << ($1.bytes[0] &- UInt8(ascii: "a")) }

    private static let announced = try! NSRegularExpression(
        pattern: #"(?:status[ _-]?code|http[ _-]?status|status|response[ _-]?code|HTTP/\d(?:\.\d)?|HTTP)\s*[:=]?\s*"?([1-5]\d\d)(?![\w.])"#,
        options: [.caseInsensitive])

    /// The first status code found in `text`, or nil.
    static func find(in text: String) -> Int? {
        var text = text
        let (phrased, mayBeAnnounced) = text.withUTF8 { bytes in
            phrasedStatus(in: bytes).map { ($0.code, true) } ?? (nil, mayHoldCode(bytes))
        }
        if let phrased { return phrased }
        guard mayBeAnnounced else { return nil }
        let range = NSRange(text.startIndex..., in: text)
        if let match = announced.firstMatch(in: text, range: range),
           let codeRange = Range(match.range(at: 1), in: text) {
            return Int(text[codeRange])
        }
        return nil
    }

    /// Whether `bytes` hold a run of three digits or more starting with 1 to 5, as every code
    /// the announced shape reads does: most messages are passed over without its regular
    /// expression.
    private static func mayHoldCode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while let start = DigitScan.firstDigit(in: bytes, from: index) {
            index = endOfDigits(in: bytes, from: start)
            if index - start >= 3, bytes[start] &- UInt8(ascii: "1") < 5 { return true }
        }
        return false
    }

    /// Where the first code followed by its own reason phrase starts (a byte offset), and the
    /// code; or nil.
    ///
    /// It reads what the regular expression `(?<![\w.])([1-5]\d\d)(?:\s*:)?\s+(phrase|…)\b`
    /// (case-insensitive, as ICU reads it) matched before, on bytes and without a string: a test
    /// holds that expression and compares the two. A code is a run of exactly three ASCII
    /// digits after neither a word character nor a dot; whitespace (an optional colon within it)
    /// comes before the phrase, and a word must end with it.
    ///
    /// `requiringCapitalisedStatus`: nil unless the text also holds, somewhere, a run of three
    /// digits, one space and a capital letter (`503 Service`, `401 UNAUTHORIZED`): the cluster
    /// text has always been masked only then, and its clusters and pattern ids must not move.
    static func phrasedStatus(in bytes: UnsafeBufferPointer<UInt8>,
                              requiringCapitalisedStatus: Bool = false) -> (start: Int, code: Int)? {
        if requiringCapitalisedStatus && !holdsCapitalisedStatus(bytes) { return nil }
        var index = 0
        while let start = DigitScan.firstDigit(in: bytes, from: index) {
            index = endOfDigits(in: bytes, from: start)
            if index - start == 3, let code = ownPhrasedCode(in: bytes, at: start) { return (start, code) }
        }
        return nil
    }

    /// Whether a run of exactly three digits is followed by one space and a capital letter.
    private static func holdsCapitalisedStatus(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while let start = DigitScan.firstDigit(in: bytes, from: index) {
            index = endOfDigits(in: bytes, from: start)
            if index - start == 3, index + 1 < bytes.count, bytes[index] == 0x20,
               bytes[index + 1] &- UInt8(ascii: "A") < 26 { return true }
        }
        return false
    }

    private static func endOfDigits(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start + 1
        while end < bytes.count, bytes[end] &- UInt8(ascii: "0") < 10 { end += 1 }
        return end
    }

    /// The code of the three digits at `start` when its own reason phrase follows it.
    private static func ownPhrasedCode(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        guard bytes[start] &- UInt8(ascii: "1") < 5,
              !ICURegexClasses.isWordOrDot(ICURegexClasses.scalar(before: start, in: bytes)) else { return nil }
        let code = Int(bytes[start] &- 48) * 100 + Int(bytes[start + 1] &- 48) * 10 + Int(bytes[start + 2] &- 48)
        var index = ICURegexClasses.skippingWhitespace(in: bytes, from: start + 3)
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            let afterColon = ICURegexClasses.skippingWhitespace(in: bytes, from: index + 1)
            guard afterColon > index + 1 else { return nil }
            index = afterColon
        } else {
            guard index > start + 3 else { return nil }
        }
        // Most numbers followed by a space are followed by no phrase's first letter.
        guard index < bytes.count, (bytes[index] | 0x20) &- UInt8(ascii: "a") < 26,
              phraseInitials & (1 << ((bytes[index] | 0x20) &- UInt8(ascii: "a"))) != 0,
              let phrase = phrases.first(where: { ICURegexClasses.matchesWord($0.bytes, in: bytes, at: index) })
        else { return nil }
        return phrase.code == code ? code : nil
    }

    /// The code in a status field (`"503"`, `"503.0"`), or nil when it is not one.
    static func parseField(_ field: String) -> Int? {
        let trimmed = field.trimmingCharacters(in: .whitespaces)
        let code = Int(trimmed) ?? Double(trimmed).flatMap { $0 == $0.rounded() ? Int(exactly: $0) : nil }
        guard let code, (100...599).contains(code) else { return nil }
        return code
    }
}
