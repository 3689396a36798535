/// Where a byte falls in JSON text, without parsing it: inside a string or not, and how
/// deeply nested. Enough to find where a value closes, which the framing decision needs
/// before any record is parsed.
struct JSONNesting {
    private(set) var depth = 0
    private var inString = false
    private var escaped = false

    /// Feeds one byte; false when it lies inside a string (its closing quote included), true
    /// otherwise (an opening quote included), with `depth` updated for brackets and braces.
    mutating func isOutsideString(_ byte: UInt8) -> Bool {
        if inString {
            if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true }
            else if byte == UInt8(ascii: "\"") { inString = false }
            return false
        }
        switch byte {
        case UInt8(ascii: "\""): inString = true
        case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
        default: break
        }
        return true
    }
}
