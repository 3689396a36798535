/// ICU's regular-expression classes `\w`, `\s` and `\b`, read on UTF-8 bytes: what
/// ``HTTPStatusText`` tests on every message's first line once ran through
/// `NSRegularExpression`, which converted each line to UTF-16 first.
///
/// ICU's word characters are the alphabetic ones, marks, decimal digits, connector punctuation
/// and the two joiners; its white space is the `White_Space` property. At a word boundary ICU
/// treats a combining or format character after the place as part of the word before it. Bytes
/// that are not UTF-8 read as U+FFFD, as they do once decoded into a string.
enum ICURegexClasses {
    /// The scalar that ends right before `index`; nil at the start.
    static func scalar(before index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard index > 0 else { return nil }
        let last = bytes[index - 1]
        if last < 0x80 { return Unicode.Scalar(last) }
        // Back over at most three continuation bytes to where the scalar should start.
        var start = index - 1
        while start > 0, index - start < 4, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        guard let (scalar, length) = scalar(at: start, in: bytes), start + length == index else { return "\u{FFFD}" }
        return scalar
    }

    /// The scalar that starts at `index` and its length in bytes; nil at the end.
    static func scalar(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (scalar: Unicode.Scalar, length: Int)? {
        guard index < bytes.count else { return nil }
        let first = bytes[index]
        if first < 0x80 { return (Unicode.Scalar(first), 1) }
        var iterator = UnsafeBufferPointer(rebasing: bytes[index...]).makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        switch parser.parseScalar(from: &iterator) {
        case let .valid(encoded): return (Unicode.UTF8.decode(encoded), encoded.count)
        case let .error(length): return ("\u{FFFD}", length)
        case .emptyInput: return nil
        }
    }

    /// `\w`: `[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\u200C\u200D]`.
    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            return (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "_")
        }
        if scalar.value == 0x200C || scalar.value == 0x200D { return true }
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }

    /// What the look-behind `(?<![\w.])` refuses; nil (the start) is neither.
    static func isWordOrDot(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return scalar == "." || isWord(scalar)
    }

    /// Past the white space (`\s*`) from `index`.
    static func skippingWhitespace(in bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        var index = index
        while let (scalar, length) = scalar(at: index, in: bytes) {
            if scalar.isASCII {
                guard scalar == " " || (scalar.value &- 0x09) < 5 else { break }
            } else {
                guard scalar.properties.isWhitespace else { break }
            }
            index += length
        }
        return index
    }

    /// Whether `word` (lower-case ASCII) is at `index` in any case, and a word ends with it
    /// (`\b`). The Kelvin sign reads as a `k`, as both ICU and Swift's `lowercased()` read it.
    static func matchesWord(_ word: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var index = index
        for expected in word {
            guard index < bytes.count else { return false }
            let byte = bytes[index]
            if byte == expected || (byte | 0x20 == expected && expected &- UInt8(ascii: "a") < 26) {
                index += 1
            } else if expected == UInt8(ascii: "k"), index + 2 < bytes.count, byte == 0xE2, bytes[index + 1] == 0x84,
                      bytes[index + 2] == 0xAA {
                index += 3
            } else {
                return false
            }
        }
        guard let (next, _) = scalar(at: index, in: bytes) else { return true }
        if next.isASCII { return !isWord(next) }
        let properties = next.properties
        if properties.isGraphemeExtend || properties.generalCategory == .format { return false }
        return !isWord(next)
    }
}
