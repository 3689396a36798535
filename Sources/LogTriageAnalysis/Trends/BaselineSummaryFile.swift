import Foundation
import LogTriageIngest

/// Reads the totals a baseline needs from `summary.json`; other keys are ignored, so any
/// version of the file that has them loads.
enum BaselineSummaryFile {
    struct Totals: Equatable {
        let records: Int
        let errorRecords: Int
        let rangeStart: Int64?
        let rangeEnd: Int64?
        /// Records per service that are not errors (`instrumentation` `records` − `errors`),
        /// empty when the file has none.
        var serviceTraffic: [String: Int] = [:]
    }

    private struct Document: Decodable {
        let records: Int
        let errorRecords: Int
        let timeRange: TimeRange?
        let instrumentation: [ServiceRow]?
    }

    /// One `instrumentation` entry; only what traffic needs is read.
    private struct ServiceRow: Decodable {
        let service: String
        let records: Int
        let errors: Int?
    }

    private struct TimeRange: Decodable {
        let from: String
        let to: String
    }

    static func totals(in text: String, path: String) throws -> Totals {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: Data(text.utf8))
        } catch let error as DecodingError {
            throw BaselineError.malformedSummary(path: path, reason: reason(for: error))
        }
        let counts = 0...BaselineCounts.maximumCount
        guard counts.contains(document.records), counts.contains(document.errorRecords) else {
            throw BaselineError.malformedSummary(path: path, reason: "'records' and 'errorRecords' must be from 0 to \(BaselineCounts.maximumCount)")
        }
        var serviceTraffic: [String: Int] = [:]
        for row in document.instrumentation ?? [] {
            guard counts.contains(row.records), counts.contains(row.errors ?? 0) else {
                throw BaselineError.malformedSummary(path: path, reason: "'instrumentation' records and errors of '\(row.service)' must be from 0 to \(BaselineCounts.maximumCount)")
            }
            serviceTraffic[row.service, default: 0] += max(0, row.records - (row.errors ?? 0))
        }
        guard let range = document.timeRange else {
            return Totals(records: document.records, errorRecords: document.errorRecords, rangeStart: nil, rangeEnd: nil,
                          serviceTraffic: serviceTraffic)
        }
        func time(_ text: String, _ key: String) throws -> Int64 {
            guard let milliseconds = TimestampParser.milliseconds(text) else {
                throw BaselineError.malformedSummary(path: path, reason: "'timeRange.\(key)' is not an iso-8601 time: '\(text)'")
            }
            return milliseconds
        }
        let start = try time(range.from, "from"), end = try time(range.to, "to")
        guard start <= end else {
            throw BaselineError.malformedSummary(path: path, reason: "'timeRange.from' is later than 'timeRange.to'")
        }
        return Totals(records: document.records, errorRecords: document.errorRecords, rangeStart: start, rangeEnd: end,
                      serviceTraffic: serviceTraffic)
    }

    private static func reason(for error: DecodingError) -> String {
        func key(_ path: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            (path + (last.map { [$0] } ?? [])).map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case let .keyNotFound(missing, context): return "no '\(key(context.codingPath, missing))' key"
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return context.codingPath.isEmpty ? "not a json object" : "'\(key(context.codingPath))' does not hold the expected value"
        case let .dataCorrupted(context):
            return context.codingPath.isEmpty ? "not valid json" : "'\(key(context.codingPath))' is not valid"
        @unknown default: return "not a summary.json"
        }
    }
}
