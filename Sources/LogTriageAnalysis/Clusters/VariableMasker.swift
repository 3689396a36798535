/// Splits a log message into tokens and replaces the variable parts with `<*>`.
///
/// Masking before mining is what keeps templates stable across deploys and days: a value that
/// changes from one occurrence of an error to the next (an id, a port, a timestamp, a version)
/// must not make a new template. The rules are about the shape of a token, never about a
/// particular system:
/// - a token containing a digit is a variable (numbers, hex, UUIDs, `INV-2024-00017`, IPs,
///   `host:8443`, `250ms`, `v2.3.1`, `1.4.0-SNAPSHOT`, dates and times, paths with versions),
///   except that a leading `key=`, `key:` or `key....` stays (`uid=<*>`, `onExtend:<*>`,
///   `LOGIN(uid=<*>)`);
/// - URLs (`scheme://…`, query string included) and e-mail addresses are variables;
/// - JSON fragments (`{"…` / `[{…` / `["…`) become one `{<*>}` or `[<*>]`, even across spaces,
///   and an empty `""` or `''` is `"<*>"` or `'<*>'`;
/// - month and weekday names next to a date are variables;
/// - in a list of `key=value` items (`state=RUNNING,pid=12`) each value is judged alone, so a
///   number beside a constant word does not take the word with it (`state=RUNNING,pid=<*>`);
/// - `true` and `false` are values (`enabled=<*>`);
/// - a unit after a number (`30000 ms`, `4.5 KB`, `(1.2 KB)`) belongs to the number, and so does
///   a lone `<`, `>` or `~` before it (`< 1 sec`); a bracket right after a quantity that
///   restates it in other units is part of it (`1190 bytes (1.16 KB)` reads like `0 bytes`);
///   consecutive variables collapse into one, so lists and dates of any length make one `<*>`.
///
/// Words without a digit are left alone wherever they are, inside quotes, brackets or after
/// `key=` included, and so are paths without digits: `"GET /a"` and `"POST /a"`,
/// `state=RUNNING` and `state=STOPPED`, `POST /api/payments` and `POST /api/refunds` may be
/// different events, and only the miner, which sees how a word varies across messages, can
/// tell a constant from a parameter.
///
/// The masker works on UTF-8 bytes with no regular expressions, because it runs for every
/// message in the ingest hot path; every step is linear in the message length.
public struct VariableMasker: Sendable {
    public init() {}

    /// The masked tokens of `message`, `<*>` standing for each variable.
    public func mask(_ message: String) -> [String] {
        var tokens = MaskedTokens()
        var copy = message
        copy.withUTF8 { mask($0, into: &tokens) }
        return (0..<tokens.count).map { tokens.text(at: $0) }
    }

    /// The masked tokens of a UTF-8 message, for callers that hold bytes rather than a `String`.
    public func mask(utf8 message: UnsafeBufferPointer<UInt8>) -> [String] {
        var tokens = MaskedTokens()
        mask(message, into: &tokens)
        return (0..<tokens.count).map { tokens.text(at: $0) }
    }

    /// The masked message as one line, tokens separated by single spaces.
    public func maskedMessage(_ message: String) -> String {
        mask(message).joined(separator: " ")
    }

    // MARK: - Tokenizer

    /// Masks `input` into `out`; stops once `out` holds more than `maxTokens` tokens (the
    /// miner keeps that many at most, so the rest of a long message is not worth masking).
    func mask(_ input: UnsafeBufferPointer<UInt8>, into out: inout MaskedTokens, maxTokens: Int = .max) {
        out.reset()
        let count = input.count
        var index = 0
        // A JSON opening without its closer was scanned to the end once; scanning again from a
        // later opening would make the masker quadratic on long unbalanced messages.
        var jsonClosable = true
        while index < count, out.count <= maxTokens {
            while index < count, isSpace(input[index]) { index += 1 }
            if index >= count { break }
            out.scratch.removeAll(keepingCapacity: true)
            let start = index
            while index < count, !isSpace(input[index]) {
                let byte = input[index]
                if byte == doubleQuote || byte == singleQuote, index == start, index + 1 < count, input[index + 1] == byte {
                    // `""` / `''`: an empty value, the same variable as a quoted word.
                    appendPlaceholder(open: byte, close: byte, to: &out.scratch)
                    index += 2
                    continue
                }
                if jsonClosable, byte == openBrace || byte == openBracket,
                   index == start || input[index - 1] == equals || input[index - 1] == colon,
                   startsJSON(input, at: index) {
                    if let close = matchingBracket(input, at: index) {
                        appendPlaceholder(open: byte, close: input[close], to: &out.scratch)
                        index = close + 1
                        continue
                    }
                    jsonClosable = false
                }
                // Copy the plain run up to the next byte that may open a span, in one append.
                let run = index
                index += 1
                while index < count, !isSpace(input[index]), !maySpecial(input[index]) { index += 1 }
                out.scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[run..<index]))
            }
            emitToken(&out, lookahead: input, from: index)
        }
    }

    // MARK: - One token

    private func emitToken(_ out: inout MaskedTokens, lookahead input: UnsafeBufferPointer<UInt8>, from next: Int) {
        let tokenStart = out.bytes.count
        let token = out.scratch
        let length = token.count
        if length == 2, isEmptyPair(token[0], token[1]) {
            out.bytes.append(token[0])
            out.bytes.append(contentsOf: MaskedTokens.wildcard)
            out.bytes.append(token[1])
            finish(&out, from: tokenStart)
            return
        }
        var lead = 0
        while lead < length, isLeading(token[lead]) { lead += 1 }
        var trail = length
        while trail > lead, isTrailing(token[trail - 1]) { trail -= 1 }
        if lead == trail {
            out.bytes.append(contentsOf: token)
            finish(&out, from: tokenStart)
            return
        }

        if isComparison(token, lead, trail), nextIsDigit(input, next) {
            // `< 1 sec`, `~ 5 min`: the sign belongs to the quantity after it.
            out.bytes.append(contentsOf: MaskedTokens.wildcard)
            finish(&out, from: tokenStart)
            return
        }

        var hasDigit = false
        var firstEquals = -1
        var at = -1
        var dotAfterAt = false
        var hasScheme = false
        var position = lead
        while position < trail {
            let byte = token[position]
            if byte &- 0x30 < 10 {
                hasDigit = true
            } else if byte == equals {
                if firstEquals < 0 { firstEquals = position }
            } else if byte == 0x40 {
                at = position
                dotAfterAt = false
            } else if byte == 0x2E {
                if at >= 0 { dotAfterAt = true }
            } else if byte == colon, position + 2 < trail, token[position + 1] == slash, token[position + 2] == slash {
                hasScheme = true
            }
            position += 1
        }

        if hasScheme || (at > lead && dotAfterAt) {
            writeMasked(token, keep: lead, suffixFrom: trail, into: &out)
            finish(&out, from: tokenStart)
            return
        }
        if firstEquals > lead, firstEquals + 1 < trail, !containsDigit(token, lead, firstEquals),
           containsPlaceholder(token, firstEquals + 1, trail) {
            // `body={"ok":false}`: a JSON value is one variable. A plain word after `=` is left
            // to the miner, which sees whether it varies (`state=RUNNING` is not an id).
            writeMasked(token, keep: firstEquals + 1, suffixFrom: trail, into: &out)
            finish(&out, from: tokenStart)
            return
        }
        if hasDigit {
            let quantity = isQuantity(token, lead, trail)
            if quantity, restatesLast(token, lead, trail, out) {
                // `1190 bytes (1.16KB)`: the bracket restates the quantity before it.
                out.extendLast(with: token[(trail + 1)...])
                return
            }
            if !writeKeyValueList(token, lead, trail, into: &out) {
                writeMasked(token, keep: keyPrefixEnd(token, lead, trail) ?? lead, suffixFrom: trail, into: &out)
            }
            finish(&out, from: tokenStart)
            if quantity { out.markLastAsQuantity() }
            return
        }
        if let valueStart = literalValueStart(token, lead, trail) {
            // `true`, `false`: values, not words, wherever they are (`enabled=false`). Not `null`,
            // which is as often a constant (`because "biller" is null`).
            writeMasked(token, keep: valueStart, suffixFrom: trail, into: &out)
            finish(&out, from: tokenStart)
            return
        }
        if trail - lead == 3, isDateWord(token, lead, input, next) {
            writeMasked(token, keep: lead, suffixFrom: trail, into: &out)
            finish(&out, from: tokenStart)
            return
        }
        if lead == 0, out.lastEndsWithWildcard, isUnit(token, 0, trail) {
            // `30000 ms,` → `<*>,` and `(1.2 KB)` → `(<*>)`: the unit is part of the quantity,
            // so `1190 bytes` and `1.2 KB` read alike.
            if trail < length, token[trail] == closeRound, out.count >= 2, out.quantityToken == out.count - 2,
               out.lastEquals(VariableMasker.openRoundWildcard) {
                // `1190 bytes (1.16 KB) sent`: the same quantity in other units, part of the
                // variable, so the message reads like `0 bytes sent`.
                out.removeLast()
                out.extendLast(with: token[(trail + 1)...])
                return
            }
            out.extendLast(with: token[trail...])
            out.markLastAsQuantity()
            return
        }
        out.bytes.append(contentsOf: token)
        finish(&out, from: tokenStart)
    }

    /// Closes the token, collapsing it into the previous one when both are exactly `<*>`.
    private func finish(_ out: inout MaskedTokens, from start: Int) {
        if out.bytes.count - start == 3, out.lastIsWildcard,
           out.bytes[start] == lessThan, out.bytes[start + 1] == star, out.bytes[start + 2] == greaterThan {
            out.truncate(to: start)
            return
        }
        out.finishToken(from: start)
    }

    /// Writes `token[..<keep]`, `<*>`, then `token[suffixFrom...]`, keeping brackets balanced:
    /// a closer whose opener was masked goes (`charge(Foo.java:42)` → `<*>`), and an opener kept
    /// in front gets its closer back when the masked part held it (`[::1]:443` → `[<*>]`).
    private func writeMasked(_ token: [UInt8], keep: Int, suffixFrom: Int, into out: inout MaskedTokens) {
        out.bytes.append(contentsOf: token[..<keep])
        var open = (round: 0, square: 0, curly: 0)
        for byte in token[..<keep] {
            switch byte {
            case 0x28: open.round += 1
            case openBracket: open.square += 1
            case openBrace: open.curly += 1
            default: break
            }
        }
        out.bytes.append(contentsOf: MaskedTokens.wildcard)
        var unmatched = open
        for byte in token[suffixFrom...] {
            switch byte {
            case 0x29: unmatched.round -= 1
            case closeBracket: unmatched.square -= 1
            case closeBrace: unmatched.curly -= 1
            default: break
            }
        }
        let masked = token[keep..<suffixFrom]
        if unmatched.curly > 0, masked.contains(closeBrace) { out.bytes.append(closeBrace) }
        if unmatched.square > 0, masked.contains(closeBracket) { out.bytes.append(closeBracket) }
        if unmatched.round > 0, masked.contains(0x29) { out.bytes.append(0x29) }
        for byte in token[suffixFrom...] {
            switch byte {
            case 0x29:
                guard open.round > 0 else { continue }
                open.round -= 1
            case closeBracket:
                guard open.square > 0 else { continue }
                open.square -= 1
            case closeBrace:
                guard open.curly > 0 else { continue }
                open.curly -= 1
            default: break
            }
            out.bytes.append(byte)
        }
    }

    /// Where `true` or `false` starts in `token[lead..<trail]`, alone or after a
    /// `key=` / `key:` prefix; nil for anything else.
    private func literalValueStart(_ token: [UInt8], _ lead: Int, _ trail: Int) -> Int? {
        // The word's end is read first: most words end in neither, and need no more look.
        let start: Int
        if trail - lead >= 4, isLiteralValue(token, trail - 4, trail) {
            start = trail - 4
        } else if trail - lead >= 5, isLiteralValue(token, trail - 5, trail) {
            start = trail - 5
        } else {
            return nil
        }
        if start == lead { return lead }
        return keyPrefixEnd(token, lead, trail) == start ? start : nil
    }

    private func isLiteralValue(_ token: [UInt8], _ from: Int, _ to: Int) -> Bool {
        let length = to - from
        guard length == 4 || length == 5 else { return false }
        var key: UInt64 = 0
        for index in from..<to { key = key << 8 | UInt64(token[index] | 0x20) }
        return key == VariableMasker.trueKey || key == VariableMasker.falseKey
    }

    /// Digits (with `.` or `,` inside) followed by a unit: `250ms`, `1.16KB`, `3.5s`.
    private func isQuantity(_ token: [UInt8], _ from: Int, _ to: Int) -> Bool {
        var index = from
        var digits = 0
        while index < to, token[index] &- 0x30 < 10 || token[index] == 0x2E || token[index] == 0x2C {
            if token[index] &- 0x30 < 10 { digits += 1 }
            index += 1
        }
        return digits > 0 && index < to && isUnit(token, index, to)
    }

    /// Whether `token` is `(quantity)` right after a quantity: `(1.16KB)` after `1190 bytes`.
    private func restatesLast(_ token: [UInt8], _ lead: Int, _ trail: Int, _ out: MaskedTokens) -> Bool {
        lead == 1 && token[0] == openRound && trail < token.count && token[trail] == closeRound
            && out.lastIsQuantity && out.lastEndsWithWildcard
    }

    /// `state=RUNNING,pid=12` → `state=RUNNING,pid=<*>`: in a list of `key=value` pairs each
    /// value is judged alone, so a constant word beside a number stays a word for the miner to
    /// judge. Only lists whose every item has a key without digits, with no bracket or quote
    /// inside, and at least one value without digits; anything else is masked whole.
    private func writeKeyValueList(_ token: [UInt8], _ lead: Int, _ trail: Int, into out: inout MaskedTokens) -> Bool {
        var separators = 0
        for index in lead..<trail {
            switch token[index] {
            case 0x2C, 0x3B, 0x26: separators += 1
            case openRound, closeRound, openBracket, closeBracket, openBrace, closeBrace, doubleQuote, singleQuote: return false
            default: break
            }
        }
        guard separators > 0 else { return false }
        var plainValue = false
        var start = lead
        while start < trail {
            var end = start
            while end < trail, !isListSeparator(token[end]) { end += 1 }
            guard end > start, let keyEnd = keyPrefixEnd(token, start, end), !containsDigit(token, start, keyEnd) else {
                return false
            }
            if !containsDigit(token, keyEnd, end) { plainValue = true }
            start = end + 1
        }
        guard plainValue, !isListSeparator(token[trail - 1]) else { return false }
        out.bytes.append(contentsOf: token[..<lead])
        start = lead
        while start < trail {
            var end = start
            while end < trail, !isListSeparator(token[end]) { end += 1 }
            let keyEnd = keyPrefixEnd(token, start, end)!
            if containsDigit(token, keyEnd, end) {
                out.bytes.append(contentsOf: token[start..<keyEnd])
                out.bytes.append(contentsOf: MaskedTokens.wildcard)
            } else {
                out.bytes.append(contentsOf: token[start..<end])
            }
            if end < trail { out.bytes.append(token[end]) }
            start = end + 1
        }
        out.bytes.append(contentsOf: token[trail...])
        return true
    }

    @inline(__always) private func isListSeparator(_ byte: UInt8) -> Bool { byte == 0x2C || byte == 0x3B || byte == 0x26 }

    /// End of a `key=`, `key:`, `key#` or `key.....` prefix that names the value after it.
    private func keyPrefixEnd(_ token: [UInt8], _ lead: Int, _ trail: Int) -> Int? {
        guard isLetter(token[lead]) else { return nil }
        var index = lead + 1
        while index < trail, isIdentifier(token[index]) { index += 1 }
        // `LOGIN(uid=0)`: the word before the bracket is as constant as the key inside it.
        if index + 1 < trail, token[index] == 0x28 || token[index] == openBracket, isLetter(token[index + 1]) {
            index += 2
            while index < trail, isIdentifier(token[index]) { index += 1 }
            guard index < trail, token[index] == equals || token[index] == colon else { return nil }
        }
        guard index < trail else { return nil }
        var end = index
        switch token[index] {
        case equals, colon, 0x23:
            end = index + 1
        case 0x2E where index + 1 < trail && token[index + 1] == 0x2E:
            while end < trail, token[end] == 0x2E { end += 1 }
        default:
            return nil
        }
        return end < trail ? end : nil
    }

    /// `<`, `>`, `<=`, `>=`, `~`, `≈` standing alone.
    private func isComparison(_ token: [UInt8], _ lead: Int, _ trail: Int) -> Bool {
        guard lead == 0, trail == token.count else { return false }
        switch trail {
        case 1: return token[0] == lessThan || token[0] == greaterThan || token[0] == 0x7E
        case 2: return (token[0] == lessThan || token[0] == greaterThan) && token[1] == equals
        case 3: return token == [0xE2, 0x89, 0x88]
        default: return false
        }
    }

    private func nextIsDigit(_ input: UnsafeBufferPointer<UInt8>, _ next: Int) -> Bool {
        var index = next
        while index < input.count, isSpace(input[index]) { index += 1 }
        return index < input.count && input[index] &- 0x30 < 10
    }

    /// Whether `token[from..<to]` holds a `<*>` left by a JSON span.
    private func containsPlaceholder(_ token: [UInt8], _ from: Int, _ to: Int) -> Bool {
        var index = from
        while index + 2 < to {
            if token[index] == lessThan, token[index + 1] == star, token[index + 2] == greaterThan { return true }
            index += 1
        }
        return false
    }

    private func containsDigit(_ token: [UInt8], _ from: Int, _ to: Int) -> Bool {
        var index = from
        while index < to {
            if token[index] &- 0x30 < 10 { return true }
            index += 1
        }
        return false
    }

    // MARK: - Quotes and JSON

    private func appendPlaceholder(open: UInt8, close: UInt8, to scratch: inout [UInt8]) {
        scratch.append(open)
        scratch.append(contentsOf: MaskedTokens.wildcard)
        scratch.append(close)
    }

    private func closingDoubleQuote(_ input: UnsafeBufferPointer<UInt8>, after open: Int) -> Int? {
        var index = open + 1
        while index < input.count {
            let byte = input[index]
            if byte == backslash {
                index += 2
                continue
            }
            if byte == doubleQuote { return index }
            index += 1
        }
        return nil
    }

    /// `{"…`, `{}`, `[{…`, `["…` : the openings that are JSON rather than prose in brackets.
    private func startsJSON(_ input: UnsafeBufferPointer<UInt8>, at open: Int) -> Bool {
        var index = open + 1
        while index < input.count, isSpace(input[index]) { index += 1 }
        guard index < input.count else { return false }
        let byte = input[index]
        if input[open] == openBrace { return byte == doubleQuote || byte == closeBrace }
        return byte == openBrace || byte == doubleQuote
    }

    private func matchingBracket(_ input: UnsafeBufferPointer<UInt8>, at open: Int) -> Int? {
        var depth = 0
        var index = open
        while index < input.count {
            let byte = input[index]
            if byte == doubleQuote {
                guard let close = closingDoubleQuote(input, after: index) else { return nil }
                index = close + 1
                continue
            }
            if byte == openBrace || byte == openBracket {
                depth += 1
            } else if byte == closeBrace || byte == closeBracket {
                depth -= 1
                if depth == 0 { return index }
            }
            index += 1
        }
        return nil
    }

    // MARK: - Words that are variables by position

    /// `Jul` before a day number, `Sun` before a month: parts of a date, not words.
    private func isDateWord(_ token: [UInt8], _ lead: Int, _ input: UnsafeBufferPointer<UInt8>, _ next: Int) -> Bool {
        let key = packed3(token[lead], token[lead + 1], token[lead + 2])
        let isMonth = VariableMasker.months.contains(key)
        let isWeekday = !isMonth && VariableMasker.weekdays.contains(key)
        guard isMonth || isWeekday else { return false }
        var index = next
        while index < input.count, isSpace(input[index]) { index += 1 }
        guard index < input.count else { return false }
        if input[index] &- 0x30 < 10 { return true }
        guard isWeekday, index + 3 <= input.count else { return false }
        return VariableMasker.months.contains(packed3(input[index], input[index + 1], input[index + 2]))
    }

    private func isUnit(_ token: [UInt8], _ from: Int, _ to: Int) -> Bool {
        let length = to - from
        guard length > 0, length <= VariableMasker.longestUnit else { return false }
        var key: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in from..<to {
            var byte = token[index]
            if byte &- 0x41 < 26 { byte |= 0x20 }
            key = (key ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return VariableMasker.units.contains(key)
    }

    /// FNV-1a of a unit's bytes (units are listed in lower case; tokens are lowered to compare).
    private static func unitKey(_ word: String) -> UInt64 {
        word.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
    }

    private static func pack(_ word: String) -> UInt64 {
        word.utf8.reduce(0) { $0 << 8 | UInt64($1) }
    }

    private static let months: Set<UInt32> = Set(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].map { UInt32(pack($0)) }
    )
    private static let weekdays: Set<UInt32> = Set(
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map { UInt32(pack($0)) }
    )
    private static let units: Set<UInt64> = Set(
        [
            "b", "kb", "mb", "gb", "tb", "pb", "kib", "mib", "gib", "tib", "bytes",
            "ns", "us", "µs", "ms", "s", "sec", "secs", "seconds", "min", "mins", "minutes",
            "h", "hrs", "hours", "days", "%",
            "byte", "kbytes", "mbytes", "msec", "msecs", "usec", "usecs", "nsec", "millis", "milliseconds",
            "microseconds", "nanoseconds", "second", "minute", "hour", "hr", "day",
        ].map(unitKey)
    )
    private static let longestUnit = "microseconds".utf8.count
    static let openRoundWildcard: [UInt8] = Array("(<*>".utf8)
    private static let trueKey = pack("true")
    private static let falseKey = pack("false")

    private func packed3(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt32 {
        UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c)
    }

    // MARK: - Byte classes

    @inline(__always) private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte &- 0x09 < 5 }
    /// Bytes that can start an empty quote pair or a JSON span inside a token.
    @inline(__always) private func maySpecial(_ byte: UInt8) -> Bool {
        byte == openBrace || byte == openBracket || byte == doubleQuote || byte == singleQuote
    }
    @inline(__always) private func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
    @inline(__always) private func isWord(_ byte: UInt8) -> Bool { isLetter(byte) || byte &- 0x30 < 10 || byte == 0x5F }
    @inline(__always) private func isIdentifier(_ byte: UInt8) -> Bool { isWord(byte) || byte == 0x2D }

    /// Brackets and quotes that wrap a value: `(v2.3.1)` keeps its parentheses around `<*>`.
    @inline(__always) private func isLeading(_ byte: UInt8) -> Bool {
        byte == 0x28 || byte == openBracket || byte == openBrace || byte == doubleQuote || byte == singleQuote
    }

    @inline(__always) private func isTrailing(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x29, closeBracket, closeBrace, 0x2C, 0x3B, colon, 0x2E, doubleQuote, singleQuote, 0x21, 0x3F:
            true
        default:
            false
        }
    }

    private func isEmptyPair(_ open: UInt8, _ close: UInt8) -> Bool {
        (open == 0x28 && close == 0x29) || (open == openBracket && close == closeBracket)
            || (open == openBrace && close == closeBrace)
    }
}

private let doubleQuote: UInt8 = 0x22
private let singleQuote: UInt8 = 0x27
private let openBrace: UInt8 = 0x7B
private let closeBrace: UInt8 = 0x7D
private let openBracket: UInt8 = 0x5B
private let closeBracket: UInt8 = 0x5D
private let equals: UInt8 = 0x3D
private let colon: UInt8 = 0x3A
private let slash: UInt8 = 0x2F
private let backslash: UInt8 = 0x5C
private let lessThan: UInt8 = 0x3C
private let greaterThan: UInt8 = 0x3E
private let star: UInt8 = 0x2A
private let openRound: UInt8 = 0x28
private let closeRound: UInt8 = 0x29
