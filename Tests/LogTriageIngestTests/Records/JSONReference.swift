import Foundation

/// Foundation's `JSONSerialization` as the reference for the scanner, adjusted where it
/// departs from RFC 8259 and for the repairs the scanner makes on purpose.
///
/// Departures of Foundation (swift-foundation on Linux, Swift 6.3) from RFC 8259 found while
/// writing these tests, and how the reference handles them:
/// - trailing commas (`[1,]`, `{"a":1,}`) are accepted; RFC 8259 has no such production, so
///   the reference calls such texts invalid (`hasTrailingComma`).
/// - numbers beyond `Double` (`1e400`) are rejected ("not representable"); RFC 8259 allows
///   them (range is an implementation limit) and the scanner keeps their text, so such
///   texts are left out of the comparison (`hasOverflowingNumber`).
/// - a top-level number next to a NUL byte (`0\0`, `\00`, `1\0\0`) is accepted; a NUL is
///   never valid outside a string, so the reference calls such texts invalid
///   (`hasNulOutsideStrings`).
/// - a raw U+FEFF at the start of a string, or right after an escape, is dropped from the
///   decoded string; the generators always escape U+FEFF.
/// - a leading UTF-8 byte order mark is skipped; RFC 8259 §8.1 lets a parser either ignore
///   or reject it, and the scanner rejects it. The generators never produce one.
/// - invalid UTF-8 and lone surrogate escapes are rejected; the scanner replaces them with
///   U+FFFD by design, so the reference first applies the same replacement (`repaired`).
/// - duplicate keys: Foundation keeps the last whole value while the scanner merges the
///   flattened paths of two same-named objects; the generators never repeat a key.
enum JSONReference {
    enum Verdict {
        case object([String: Any])
        case nonObject
        case invalid
        /// Valid per RFC 8259 but outside what Foundation can represent.
        case excluded
    }

    /// The verdict for a record text, on its repaired form.
    static func verdict(_ bytes: [UInt8]) -> Verdict {
        let text = repaired(bytes)
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(text), options: [.fragmentsAllowed])
        } catch {
            return hasOverflowingNumber(text) ? .excluded : .invalid
        }
        if hasTrailingComma(text) || hasNulOutsideStrings(text) { return .invalid }
        if let object = parsed as? [String: Any] { return .object(object) }
        return .nonObject
    }

    /// Parses a JSON text the scanner kept raw (an object or array value) after repair.
    static func parse(_ bytes: [UInt8]) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(repaired(bytes)), options: [.fragmentsAllowed])
    }

    /// A canonical serialisation for comparing two Foundation values.
    static func canonical(_ value: Any) -> Data? {
        try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
    }

    /// The text with invalid UTF-8 replaced by U+FFFD (maximal subparts, as Swift's own
    /// decoder does) and every lone surrogate escape replaced by `\ufffd`: what the scanner
    /// reads the text as.
    static func repaired(_ bytes: [UInt8]) -> [UInt8] {
        let utf8 = Array(String(decoding: bytes, as: UTF8.self).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var index = 0
        func hex(at position: Int) -> UInt32? {
            guard position + 4 <= utf8.count, utf8[position..<position + 4].allSatisfy(\.isHexDigit) else { return nil }
            return UInt32(String(decoding: utf8[position..<position + 4], as: UTF8.self), radix: 16)
        }
        while index < utf8.count {
            let byte = utf8[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < utf8.count else {
                out.append(byte)
                index += 1
                continue
            }
            guard utf8[index + 1] == UInt8(ascii: "u"), let unit = hex(at: index + 2) else {
                out += utf8[index...index + 1]
                index += 2
                continue
            }
            if (0xD800...0xDBFF).contains(unit), index + 12 <= utf8.count,
               utf8[index + 6] == UInt8(ascii: "\\"), utf8[index + 7] == UInt8(ascii: "u"),
               let low = hex(at: index + 8), (0xDC00...0xDFFF).contains(low) {
                out += utf8[index..<index + 12]
                index += 12
            } else if (0xD800...0xDFFF).contains(unit) {
                out += Array(#"\ufffd"#.utf8)
                index += 6
            } else {
                out += utf8[index..<index + 6]
                index += 6
            }
        }
        return out
    }

    /// Whether a `,` outside strings is followed (after whitespace) by `]` or `}`.
    static func hasTrailingComma(_ bytes: [UInt8]) -> Bool {
        var inString = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") { index += 2; continue }
                if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: ",") {
                var next = index + 1
                while next < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[next]) { next += 1 }
                if next < bytes.count, bytes[next] == UInt8(ascii: "]") || bytes[next] == UInt8(ascii: "}") {
                    return true
                }
            }
            index += 1
        }
        return false
    }

    /// Whether a NUL byte appears outside strings.
    static func hasNulOutsideStrings(_ bytes: [UInt8]) -> Bool {
        var inString = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") { index += 2; continue }
                if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == 0 {
                return true
            }
            index += 1
        }
        return false
    }

    /// Whether a number token outside strings is too large for `Double`.
    static func hasOverflowingNumber(_ bytes: [UInt8]) -> Bool {
        var inString = false
        var token: [UInt8] = []
        func overflows() -> Bool {
            defer { token.removeAll() }
            guard let value = Double(String(decoding: token, as: UTF8.self)) else { return false }
            return value.isInfinite
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") { index += 2; continue }
                if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                if overflows() { return true }
                inString = true
            } else if byte.isNumberByte {
                token.append(byte)
            } else if overflows() {
                return true
            }
            index += 1
        }
        return overflows()
    }

    /// The dotted paths of an object as the scanner flattens it: every member, nested
    /// objects both as a whole and by their members.
    static func flatten(_ object: [String: Any], prefix: String? = nil, into paths: inout [(String, Any)]) {
        for (key, value) in object {
            let path = prefix.map { "\($0).\(key)" } ?? key
            paths.append((path, value))
            if let nested = value as? [String: Any] { flatten(nested, prefix: path, into: &paths) }
        }
    }

    /// Foundation's booleans are `NSNumber`s of type `c`.
    static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber, !(value is String) else { return false }
        return String(cString: number.objCType) == "c"
    }
}

extension UInt8 {
    var isHexDigit: Bool {
        (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
    }

    var isNumberByte: Bool {
        (0x30...0x39).contains(self) || self == 0x2B || self == 0x2D || self == 0x2E || self == 0x45 || self == 0x65
    }
}
