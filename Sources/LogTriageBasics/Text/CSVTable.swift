/// A CSV table built in memory and rendered with RFC 4180 quoting.
///
/// Fields holding a comma, quote, CR or LF are quoted, quotes doubled; rows end with LF.
public struct CSVTable: Sendable {
    public let header: [String]
    public private(set) var rows: [[String]] = []

    public init(header: [String]) { self.header = header }

    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "a csv row must have one field per column")
        rows.append(row)
    }

    public func rendered() -> String {
        var out = Self.line(header)
        for row in rows { out += Self.line(row) }
        return out
    }

    /// One rendered row, for writers that stream rows to disk.
    public static func line(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\n"
    }

    public static func quote(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
