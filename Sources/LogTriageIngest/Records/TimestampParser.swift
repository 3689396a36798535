/// Reads record times in the forms exports use, without Foundation on the hot path.
///
/// Numbers are told apart by magnitude: below 1e11 they are epoch seconds (with or without
/// fraction), below 1e14 milliseconds, below 1e17 microseconds, else nanoseconds. Strings
/// may hold such a number or an ISO-8601 time (`2026-11-09T10:00:00.123Z`, a space instead
/// of `T`, an offset like `+02:00`, or none, read as UTC).
public enum TimestampParser {
    /// Epoch milliseconds, or nil when the text is not a time.
    public static func milliseconds(_ bytes: UnsafeBufferPointer<UInt8>, isString: Bool) -> Int64? {
        guard let first = bytes.first else { return nil }
        if let number = parseNumber(bytes) { return fromEpochNumber(number) }
        guard isString, JSONRecordScanner.isDigit(first) else { return nil }
        return parseISO8601(bytes)
    }

    /// Epoch milliseconds of a text, for callers holding a `String`.
    public static func milliseconds(_ text: String) -> Int64? {
        var copy = text
        return copy.withUTF8 { milliseconds($0, isString: true) }
    }

    static func fromEpochNumber(_ value: Double) -> Int64? {
        guard value.isFinite, value >= 0 else { return nil }
        let magnitude = value
        let millis: Double
        if magnitude < 1e11 { millis = value * 1000 }
        else if magnitude < 1e14 { millis = value }
        else if magnitude < 1e17 { millis = value / 1000 }
        else { millis = value / 1_000_000 }
        guard millis < 9e15 else { return nil }
        return Int64(millis.rounded(.down))
    }

    /// A plain decimal number (`1731146400123`, `1731146400.5`); nil for anything else,
    /// and for a whole part beyond 64 bits (such a number is no time).
    private static func parseNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var integer: UInt64 = 0
        var index = 0
        // Nineteen digits cannot overflow 64 bits, so only a longer run is checked: the digits
        // of every record's time are read here, on the reading thread.
        while index < count, index < 19, JSONRecordScanner.isDigit(base[index]) {
            integer = integer &* 10 &+ UInt64(base[index] &- 48)
            index &+= 1
        }
        while index < count, JSONRecordScanner.isDigit(base[index]) {
            let (shifted, multiplyOverflow) = integer.multipliedReportingOverflow(by: 10)
            let (sum, addOverflow) = shifted.addingReportingOverflow(UInt64(base[index] &- 48))
            guard !multiplyOverflow, !addOverflow else { return nil }
            integer = sum
            index &+= 1
        }
        guard index > 0 else { return nil }
        if index == count { return Double(integer) }
        guard base[index] == UInt8(ascii: "."), index + 1 < count else {
            // Exponent forms such as 1.7e9 are rare; let the standard library read them.
            return Double(String(decoding: bytes, as: UTF8.self))
        }
        index += 1
        var fraction = 0.0
        var scale = 0.1
        while index < count, JSONRecordScanner.isDigit(base[index]) {
            fraction += Double(base[index] - 48) * scale
            scale /= 10
            index += 1
        }
        guard index == count else { return Double(String(decoding: bytes, as: UTF8.self)) }
        return Double(integer) + fraction
    }

    private static func parseISO8601(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<width {
                let byte = bytes[index + offset]
                guard JSONRecordScanner.isDigit(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += width
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2),
              expect(UInt8(ascii: "-")), let day = number(2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = daysFromCivil(year: year, month: month, day: day) * 86_400
        var millis = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: " ") {
            index += 1
            guard let hour = number(2), expect(UInt8(ascii: ":")), let minute = number(2),
                  hour < 24, minute < 60 else { return nil }
            var second = 0
            if expect(UInt8(ascii: ":")) {
                guard let value = number(2), value <= 60 else { return nil }
                second = value
                if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    var scale = 100
                    var digits = 0
                    while index < bytes.count, JSONRecordScanner.isDigit(bytes[index]) {
                        if digits < 3 { millis += Int(bytes[index] - 48) * scale; scale /= 10 }
                        digits += 1
                        index += 1
                    }
                    guard digits > 0 else { return nil }
                }
            }
            seconds += hour * 3600 + minute * 60 + second
            if index < bytes.count {
                let sign = bytes[index]
                if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
                    index += 1
                } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                    index += 1
                    guard let offsetHours = number(2) else { return nil }
                    _ = expect(UInt8(ascii: ":"))
                    let offsetMinutes = number(2) ?? 0
                    let offset = offsetHours * 3600 + offsetMinutes * 60
                    seconds += sign == UInt8(ascii: "+") ? -offset : offset
                }
            }
        }
        guard index == bytes.count else { return nil }
        return Int64(seconds) * 1000 + Int64(millis)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    package static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
