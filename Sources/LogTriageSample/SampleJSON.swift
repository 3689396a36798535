/// Writes generated records as JSON text straight into byte buffers.
///
/// Foundation's encoders are far too slow for multi-gigabyte samples and do not keep key
/// order; this writer escapes strings per RFC 8259 (quote, backslash, control characters)
/// and passes other UTF-8 through unchanged.
enum SampleJSON {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// `{"timestamp":…,"message":…,<fields>}`: one JSON-lines record (no newline).
    static func appendFlat(_ record: SampleRecord, to out: inout [UInt8]) {
        appendKey("timestamp", to: &out, first: true)
        appendTimestamp(record, to: &out)
        appendKey("message", to: &out)
        appendValue(record.message, to: &out)
        for field in record.fields {
            appendKey(field.key, to: &out)
            appendValue(field.value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// `{"attributes":{"eventType":"Log","timestamp":…,…}}`: one historical-export element.
    static func appendExportElement(_ record: SampleRecord, to out: inout [UInt8]) {
        appendKey("attributes", to: &out, first: true)
        appendKey("eventType", to: &out, first: true)
        appendString("Log", to: &out)
        appendKey("timestamp", to: &out)
        appendInteger(record.timestamp, to: &out)
        appendKey("message", to: &out)
        appendValue(record.message, to: &out)
        for field in record.fields {
            appendKey(field.key, to: &out)
            appendValue(field.value, to: &out)
        }
        out.append(contentsOf: [UInt8(ascii: "}"), UInt8(ascii: "}")])
    }

    /// `{"timestamp":…,"message":…,"attributes":{…}}`: one entry of a Log API `logs` list,
    /// leaving out the fields named in `common` (they travel in the block's common attributes).
    static func appendLogAPIEntry(_ record: SampleRecord, excluding common: [StaticString], to out: inout [UInt8]) {
        appendKey("timestamp", to: &out, first: true)
        appendTimestamp(record, to: &out)
        appendKey("message", to: &out)
        appendValue(record.message, to: &out)
        appendKey("attributes", to: &out)
        var first = true
        for field in record.fields where !common.contains(where: { same($0, field.key) }) {
            appendKey(field.key, to: &out, first: first)
            appendValue(field.value, to: &out)
            first = false
        }
        if first { out.append(UInt8(ascii: "{")) }
        out.append(contentsOf: [UInt8(ascii: "}"), UInt8(ascii: "}")])
    }

    /// Whether two static keys spell the same bytes.
    static func same(_ a: StaticString, _ b: StaticString) -> Bool {
        a.utf8CodeUnitCount == b.utf8CodeUnitCount
            && a.withUTF8Buffer { x in b.withUTF8Buffer { y in x.elementsEqual(y) } }
    }

    /// Appends `,"key":` (or `{"key":` when `first`).
    static func appendKey(_ key: StaticString, to out: inout [UInt8], first: Bool = false) {
        out.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
        out.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
    }

    static func appendTimestamp(_ record: SampleRecord, to out: inout [UInt8]) {
        switch record.timestampStyle {
        case .milliseconds:
            appendInteger(record.timestamp, to: &out)
        case .secondsWithFraction:
            appendInteger(record.timestamp / 1_000, to: &out)
            out.append(UInt8(ascii: "."))
            SampleTime.appendPadded(Int(record.timestamp % 1_000), width: 3, to: &out)
        case .iso8601:
            out.append(UInt8(ascii: "\""))
            SampleTime.appendISO8601(record.timestamp, to: &out)
            out.append(UInt8(ascii: "\""))
        }
    }

    static func appendValue(_ value: SampleValue, to out: inout [UInt8]) {
        switch value {
        case let .string(text):
            appendString(text, to: &out)
        case let .integer(number):
            appendInteger(number, to: &out)
        case let .decimal(number, fractionDigits):
            if number < 0 { out.append(UInt8(ascii: "-")) }
            var divisor: Int64 = 1
            for _ in 0..<fractionDigits { divisor *= 10 }
            appendInteger(abs(number) / divisor, to: &out)
            if fractionDigits > 0 {
                out.append(UInt8(ascii: "."))
                SampleTime.appendPadded(Int(abs(number) % divisor), width: fractionDigits, to: &out)
            }
        case let .bool(flag):
            out.append(contentsOf: flag ? Array("true".utf8) : Array("false".utf8))
        case let .hex(high, low):
            out.append(UInt8(ascii: "\""))
            appendHex(high, digits: 16, to: &out)
            if let low { appendHex(low, digits: 16, to: &out) }
            out.append(UInt8(ascii: "\""))
        case let .uuid(high, low):
            out.append(UInt8(ascii: "\""))
            appendUUID(high: high, low: low, to: &out)
            out.append(UInt8(ascii: "\""))
        case let .prefixed(prefix, number, width):
            out.append(UInt8(ascii: "\""))
            prefix.withUTF8Buffer { out.append(contentsOf: $0) }
            SampleTime.appendPadded(number, width: width, to: &out)
            out.append(UInt8(ascii: "\""))
        case let .rawString(bytes):
            out.append(UInt8(ascii: "\""))
            bytes.withUnsafeBufferPointer { appendEscaped($0, to: &out) }
            out.append(UInt8(ascii: "\""))
        case let .object(fields):
            if fields.isEmpty { out.append(UInt8(ascii: "{")) }
            for (index, field) in fields.enumerated() {
                appendKey(field.key, to: &out, first: index == 0)
                appendValue(field.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends `text` as a quoted, escaped JSON string.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { appendEscaped($0, to: &out) }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends the bytes of a string body, escaping `"`, `\` and control characters.
    /// Runs of bytes that need no escaping are copied in one go.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte >= 0x20 && byte != 0x22 && byte != 0x5C {
                index += 1
                continue
            }
            if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            out.append(0x5C)
            switch byte {
            case 0x22, 0x5C: out.append(byte)
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x09: out.append(UInt8(ascii: "t"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            default:
                out.append(UInt8(ascii: "u"))
                out.append(UInt8(ascii: "0"))
                out.append(UInt8(ascii: "0"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            }
            index += 1
            runStart = index
        }
        if runStart < count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count])) }
    }

    /// Appends `value` in decimal.
    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 {
            out.append(UInt8(ascii: "-"))
            appendInteger(value == .min ? 0 : -value, to: &out)
            return
        }
        if value < 10 {
            out.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            out.append(contentsOf: buffer[(20 - count)...])
        }
    }

    static func appendHex(_ value: UInt64, digits: Int, to out: inout [UInt8]) {
        var shift = (digits - 1) * 4
        while shift >= 0 {
            out.append(hexDigits[Int((value >> UInt64(shift)) & 0xF)])
            shift -= 4
        }
    }

    /// Appends a version-4 UUID made from 128 bits (`8-4-4-4-12` lower-case hex).
    static func appendUUID(high: UInt64, low: UInt64, to out: inout [UInt8]) {
        let versioned = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let variant = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        appendHex(versioned >> 32, digits: 8, to: &out)
        out.append(UInt8(ascii: "-"))
        appendHex((versioned >> 16) & 0xFFFF, digits: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendHex(versioned & 0xFFFF, digits: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendHex(variant >> 48, digits: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendHex(variant & 0xFFFF_FFFF_FFFF, digits: 12, to: &out)
    }

    /// A UUID as text, for messages that embed one.
    static func uuidString(high: UInt64, low: UInt64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        appendUUID(high: high, low: low, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
