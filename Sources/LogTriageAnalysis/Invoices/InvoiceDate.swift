import Foundation
import LogTriageIngest

/// Reads `invoiceDate` values into days since 1970-01-01, the unit invoice loops compare.
///
/// Accepted forms:
/// - a calendar date, `2026-08-01`, or the basic form `20260801`;
/// - an ISO-8601 date-time (`2026-08-01T00:00:00+02:00`): its date **as written**, not moved to
///   UTC, because serialisers write a local date as local midnight with an offset, and converting
///   would put it on the previous day;
/// - an epoch number in seconds or milliseconds (told apart by magnitude, as ``TimestampParser``
///   does): its UTC day.
///
/// Anything else is nil; the caller counts such records as unjudged rather than guess.
public enum InvoiceDate {
    public static func day(_ text: String) -> Int32? {
        // The common `yyyy-MM-dd` is read straight from the bytes: this runs for every
        // record of an invoice loop.
        var copy = text
        if let day = copy.withUTF8({ plainDate($0) }) { return day }
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let bytes = Array(text.utf8)
        guard let first = bytes.first, isDigit(first) else { return nil }
        if bytes.count == 8, bytes.allSatisfy(isDigit) {
            return calendarDay(year: number(bytes, 0..<4), month: number(bytes, 4..<6), day: number(bytes, 6..<8))
        }
        if bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") {
            // The whole text must be a time TimestampParser accepts; the day is read as written.
            guard TimestampParser.milliseconds(text) != nil,
                  bytes[0..<4].allSatisfy(isDigit), bytes[5..<7].allSatisfy(isDigit), bytes[8..<10].allSatisfy(isDigit)
            else { return nil }
            return calendarDay(year: number(bytes, 0..<4), month: number(bytes, 5..<7), day: number(bytes, 8..<10))
        }
        guard bytes.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ".") }),
              let millis = TimestampParser.milliseconds(text) else { return nil }
        let days = millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000
        return Int32(exactly: days)
    }

    /// A bare `yyyy-MM-dd`, or nil for any other form.
    private static func plainDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        var values = [0, 0, 0]
        for (index, range) in [0..<4, 5..<7, 8..<10].enumerated() {
            for position in range {
                guard isDigit(bytes[position]) else { return nil }
                values[index] = values[index] * 10 + Int(bytes[position] - 48)
            }
        }
        return calendarDay(year: values[0], month: values[1], day: values[2])
    }

    private static func calendarDay(year: Int, month: Int, day: Int) -> Int32? {
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return Int32(exactly: TimestampParser.daysFromCivil(year: year, month: month, day: day))
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    private static func number(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
        bytes[range].reduce(0) { $0 * 10 + Int($1 - 48) }
    }
}
