internal import CSV
import Foundation

/// Reads the clusters of a `categories.csv` with an RFC 4180 reader (CSV.swift): quoted
/// fields may hold commas, doubled quotes and line breaks.
///
/// Columns are looked up by header name (trimmed, any case), so older and newer column sets
/// load; only `cluster` and `count` are required. The reader itself is lenient, so the
/// checks it leaves out are made here: every row has the header's number of fields, quotes
/// pair up, counts are whole numbers, and no cluster id repeats.
enum BaselineCategoriesFile {
    static func clusters(in text: String, path: String) throws -> [BaselineCluster] {
        let content = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        guard !content.isEmpty, let reader = try? CSVReader(string: content, hasHeaderRow: true),
              let written = reader.headerRow else {
            throw BaselineError.emptyFile(path: path)
        }
        let header = written.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        func required(_ name: String) throws -> Int {
            guard let index = column(name) else { throw BaselineError.missingColumn(path: path, column: name, found: written) }
            return index
        }
        let idColumn = try required("cluster"), countColumn = try required("count")
        let categoryColumn = column("category"), serviceColumn = column("service"), templateColumn = column("template")

        var rows: [(fields: [String], row: Int, line: Int)] = []
        var line = 2 + written.reduce(0) { $0 + lineBreaks(in: $1) }
        while let fields = reader.next() {
            rows.append((fields, rows.count + 2, line))
            line += 1 + fields.reduce(0) { $0 + lineBreaks(in: $1) }
        }
        if content.utf8.lazy.filter({ $0 == UInt8(ascii: "\"") }).count % 2 != 0 {
            // An unclosed quote runs to the end of the file, so it opened in the last row.
            let last = rows.last ?? ([], 1, 1)
            throw BaselineError.malformedRow(path: path, row: last.row, line: last.line, reason: "a quoted field is not closed")
        }

        var clusters: [BaselineCluster] = []
        var firstRow: [String: Int] = [:]
        for (fields, row, line) in rows {
            func malformed(_ reason: String) -> BaselineError {
                .malformedRow(path: path, row: row, line: line, reason: reason)
            }
            if fields == [""], header.count > 1 { continue } // a blank line
            guard fields.count == header.count else {
                throw malformed("\(fields.count) fields where the header has \(header.count)")
            }
            let id = fields[idColumn]
            guard !id.isEmpty else { throw malformed("the 'cluster' field is empty") }
            guard let count = Int(fields[countColumn]), (0...BaselineCounts.maximumCount).contains(count) else {
                throw malformed("'count' is '\(fields[countColumn])', not a whole number of records from 0 to \(BaselineCounts.maximumCount)")
            }
            if let first = firstRow[id] { throw malformed("cluster \(id) appears again (first in row \(first))") }
            firstRow[id] = row
            clusters.append(BaselineCluster(id: id, count: count, category: categoryColumn.map { fields[$0] } ?? "",
                                            service: serviceColumn.map { fields[$0] } ?? "",
                                            template: templateColumn.map { fields[$0] } ?? ""))
        }
        return clusters
    }

    /// Line breaks inside a field (LF, CR LF or a lone CR), to keep track of file lines.
    private static func lineBreaks(in field: String) -> Int {
        var count = 0
        var previous: Unicode.Scalar?
        for scalar in field.unicodeScalars {
            if scalar == "\n" || (previous == "\r" && scalar != "\n") { count += 1 }
            previous = scalar
        }
        return previous == "\r" ? count + 1 : count
    }
}
