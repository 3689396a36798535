internal import CSV
import Foundation

/// Reads the chronic failures of a previous week's `chronic.csv`, columns looked up by
/// header name as ``BaselineCategoriesFile`` does; `service`, `biller_id`, `category` and
/// `count` are required.
enum BaselineChronicFile {
    static func failures(in text: String, path: String) throws -> [BaselineChronicFailure] {
        let content = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        guard !content.isEmpty, let reader = try? CSVReader(string: content, hasHeaderRow: true),
              let written = reader.headerRow else {
            throw BaselineError.emptyFile(path: path)
        }
        let header = written.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func required(_ name: String) throws -> Int {
            guard let index = header.firstIndex(of: name) else {
                throw BaselineError.missingColumn(path: path, column: name, found: written)
            }
            return index
        }
        let service = try required("service"), biller = try required("biller_id")
        let category = try required("category"), count = try required("count")
        var failures: [BaselineChronicFailure] = []
        var row = 1
        while let fields = reader.next() {
            row += 1
            if fields == [""] { continue }
            guard fields.count == header.count else {
                throw BaselineError.malformedRow(path: path, row: row, line: row,
                                                 reason: "\(fields.count) fields where the header has \(header.count)")
            }
            guard let number = Int(fields[count]), (0...BaselineCounts.maximumCount).contains(number) else {
                throw BaselineError.malformedRow(path: path, row: row, line: row,
                                                 reason: "'count' is '\(fields[count])', not a whole number of failures from 0 to \(BaselineCounts.maximumCount)")
            }
            failures.append(BaselineChronicFailure(service: fields[service], billerId: fields[biller],
                                                   category: fields[category], count: number))
        }
        return failures
    }
}
