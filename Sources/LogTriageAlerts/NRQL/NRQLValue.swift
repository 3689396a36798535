/// A value an NRQL condition reads from a record or writes as a literal.
///
/// Records carry JSON strings, numbers and booleans; NRQL literals are the same three kinds,
/// so one type serves both sides of a comparison.
public enum NRQLValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case string(String)
    case number(Double)
    case bool(Bool)

    /// The value as an NRQL literal (`'it''s'`, `500`, `2.5`, `true`), so printed queries
    /// parse back to the same value.
    public var description: String {
        switch self {
        case let .string(text): "'" + text.replacing("'", with: "''") + "'"
        case let .number(number): Self.format(number)
        case let .bool(flag): flag ? "true" : "false"
        }
    }

    /// The value as text, for `LIKE`: a string's content, a number as NRQL prints it.
    package var text: String {
        switch self {
        case let .string(text): text
        case let .number(number): Self.format(number)
        case let .bool(flag): flag ? "true" : "false"
        }
    }

    /// A number, or a string that holds a plain decimal number (`'500'`, `"2.5"`): New
    /// Relic matches `http.statusCode = '500'` against numeric status codes, and exports
    /// sometimes write numbers as strings.
    var numeric: Double? {
        switch self {
        case let .number(number): number
        case let .string(text): Self.decimal(text)
        case .bool: nil
        }
    }

    /// Whole numbers without a fraction (`500`, not `500.0`); others in Swift's shortest
    /// round-tripping form, which the NRQL lexer reads back exactly.
    package static func format(_ number: Double) -> String {
        if number.isFinite, number == number.rounded(), abs(number) < 1e15 {
            return String(Int64(number))
        }
        return "\(number)"
    }

    /// The number a string spells in plain decimal or exponent form; nil for anything else
    /// (Swift's `Double(_:)` alone would also accept `nan`, `inf` and hex floats).
    static func decimal(_ text: String) -> Double? {
        var digits = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "e"), UInt8(ascii: "E"): break
            default: return nil
            }
        }
        guard digits > 0 else { return nil }
        return Double(text)
    }
}
