/// Reads plain decimal numbers (`620`, `3.5`, `-1`) from bytes without building a String,
/// for numeric attributes read on every record (durations, status codes).
public enum DecimalText {
    /// The value, or nil when the bytes are not a plain decimal (exponent forms fall back
    /// to the standard library).
    public static func value(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { negative = true; index += 1 }
        var integer: UInt64 = 0
        var digits = 0
        while index < bytes.count, JSONRecordScanner.isDigit(bytes[index]), digits < 18 {
            integer = integer * 10 + UInt64(bytes[index] - 48)
            index += 1
            digits += 1
        }
        var value = Double(integer)
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < bytes.count, JSONRecordScanner.isDigit(bytes[index]) {
                value += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        guard digits > 0 else { return nil }
        guard index == bytes.count else { return Double(String(decoding: bytes, as: UTF8.self)) }
        return negative ? -value : value
    }
}
