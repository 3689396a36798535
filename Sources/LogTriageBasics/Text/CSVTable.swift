/// A CSV table built in memory and rendered with RFC 4180 quoting.
///
/// Fields holding a comma, quote, CR or LF are quoted, quotes doubled; rows end with LF.
///
/// Cells come from log text, and SREs open these files in a spreadsheet, where a cell that
/// begins with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula (CSV injection).
/// Such a cell is neutralised as OWASP advises: a single quote is put before it and the cell
/// is quoted, so `=cmd|' /C calc'!A0` is written `"'=cmd|' /C calc'!A0"`. Numbers (`-0.5`) are
/// left as they are.
public struct CSVTable: Sendable {
    public let header: [String]
    public private(set) var rows: [[String]] = []

    public init(header: [String]) { self.header = header }

    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "a csv row must have one field per column")
        rows.append(row)
    }

    /// Written as bytes into one buffer: a table of ten thousand clusters with two-kilobyte
    /// examples is tens of megabytes, and joining strings cell by cell cost more than the
    /// analysis that found them.
    public func rendered() -> String {
        var out: [UInt8] = []
        // Reserved once (every field, a separator and room for quotes): growing a buffer of
        // tens of megabytes by doubling copied it over and over.
        let fields = rows.reduce(header.count) { $0 + $1.count }
        out.reserveCapacity(rows.reduce(0) { total, row in row.reduce(total) { $0 + $1.utf8.count } } + 3 * fields)
        Self.append(header, to: &out)
        for row in rows { Self.append(row, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// One rendered row, for writers that stream rows to disk.
    public static func line(_ fields: [String]) -> String {
        var out: [UInt8] = []
        append(fields, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Each field as ``quote(_:)`` writes it, comma-separated, ending in LF.
    private static func append(_ fields: [String], to out: inout [UInt8]) {
        for (position, field) in fields.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            append(field, to: &out)
        }
        out.append(0x0A)
    }

    private static func append(_ field: String, to out: inout [UInt8]) {
        let formula = isFormula(field)
        var field = field
        field.withUTF8 { bytes in
            let quoted = formula || bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            guard quoted else { return out.append(contentsOf: bytes) }
            out.append(0x22)
            if formula { out.append(UInt8(ascii: "'")) }
            var start = 0
            for index in 0..<bytes.count where bytes[index] == 0x22 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...index]))
                out.append(0x22)
                start = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            out.append(0x22)
        }
    }

    public static func quote(_ field: String) -> String {
        var out: [UInt8] = []
        append(field, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a spreadsheet would read `field` as a formula: it begins with a formula
    /// character and is not simply a number.
    public static func isFormula(_ field: String) -> Bool {
        guard let first = field.utf8.first, [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(first) else { return false }
        return !isPlainNumber(field)
    }

    /// `-12`, `+3.5`, `-0.25e3`: a sign, digits, at most one point and an optional exponent.
    private static func isPlainNumber(_ field: String) -> Bool {
        var bytes = Substring(field).utf8[...]
        if let sign = bytes.first, sign == 0x2B || sign == 0x2D { bytes = bytes.dropFirst() }
        var digits = 0, points = 0
        while let byte = bytes.first {
            if byte >= 0x30 && byte <= 0x39 { digits += 1 } else if byte == 0x2E { points += 1 } else { break }
            bytes = bytes.dropFirst()
        }
        guard digits > 0, points <= 1 else { return false }
        if let marker = bytes.first, marker == 0x65 || marker == 0x45 {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == 0x2B || sign == 0x2D { bytes = bytes.dropFirst() }
            guard !bytes.isEmpty, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
            return true
        }
        return bytes.isEmpty
    }
}
