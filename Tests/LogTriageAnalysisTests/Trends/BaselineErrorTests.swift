import Foundation
import Testing
@testable import LogTriageAnalysis
import LogTriageTestSupport

extension BaselineTests {
    @Suite("missing and malformed baselines")
    struct ErrorTests {
        static let goodCSV = "cluster,count,template\nC1,3,plain\n"

        /// Loads a folder holding `categories` and `summary` (nil: file left out).
        static func load(categories: String?, summary: String? = nil, writeSummary: Bool = true) throws -> (BaselineError?, String) {
            let folder = try BaselineTests.Folder()
            defer { folder.remove() }
            if let categories { try folder.write(categories, as: "categories.csv") }
            if let summary { try folder.write(summary, as: "summary.json") }
            else if writeSummary { try folder.writeSummary(records: 1, errorRecords: 1, from: nil, to: nil) }
            do {
                _ = try BaselineCounts.load(reportFolder: folder.path)
                return (nil, folder.path)
            } catch let error as BaselineError {
                return (error, folder.path)
            }
        }

        /// Counts beyond a trillion are damage: summed per category they overflowed.
        @Test func countsBeyondATrillionAreRefused() throws {
            let (error, _) = try Self.load(categories: "cluster,count,category\nC1,9223372036854775807,validation\nC2,9223372036854775807,validation\n")
            #expect(error?.description.contains("'count' is '9223372036854775807', not a whole number of records from 0 to 1000000000000") == true)
            let (summaryError, _) = try Self.load(categories: Self.goodCSV,
                                                  summary: "{\"records\": 1000000000001, \"errorRecords\": 1, \"timeRange\": null}")
            #expect(summaryError?.description.contains("must be from 0 to 1000000000000") == true)
        }

        @Test func missingFolder() {
            #expect(throws: BaselineError.missingFolder(path: "/nonexistent/week-45")) {
                try BaselineCounts.load(reportFolder: "/nonexistent/week-45")
            }
            #expect(BaselineError.missingFolder(path: "/x").description.hasPrefix("baseline folder /x does not exist"))
        }

        @Test func missingFiles() throws {
            let (noCategories, folder) = try Self.load(categories: nil)
            #expect(noCategories == .missingFile(path: folder + "/categories.csv"))
            let (noSummary, other) = try Self.load(categories: Self.goodCSV, writeSummary: false)
            #expect(noSummary == .missingFile(path: other + "/summary.json"))
            #expect(noSummary?.description == "baseline file \(other)/summary.json is missing (an `analyze` output folder has categories.csv and summary.json)")
        }

        @Test func unreadableFiles() throws {
            let folder = try BaselineTests.Folder()
            defer { folder.remove() }
            try Data([0x63, 0x6C, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: folder.path + "/categories.csv"))
            #expect(throws: BaselineError.unreadable(path: folder.path + "/categories.csv", reason: "not utf-8 text")) {
                try BaselineCounts.load(reportFolder: folder.path)
            }
            try FileManager.default.removeItem(atPath: folder.path + "/categories.csv")
            try FileManager.default.createDirectory(atPath: folder.path + "/categories.csv", withIntermediateDirectories: false)
            #expect {
                try BaselineCounts.load(reportFolder: folder.path)
            } throws: { error in
                guard case let .unreadable(path, _) = error as? BaselineError else { return false }
                return path == folder.path + "/categories.csv"
            }
        }

        @Test(arguments: [
            ("", "empty"),
            ("cluster,total\nC1,3\n", "no 'count' column (found: cluster, total)"),
            ("id,count\nC1,3\n", "no 'cluster' column (found: id, count)"),
        ])
        func unusableHeaders(_ csv: String, _ message: String) throws {
            let (error, folder) = try Self.load(categories: csv)
            #expect(error?.description.hasPrefix("baseline file \(folder)/categories.csv") == true)
            #expect(error?.description.hasSuffix(message) == true, "\(String(describing: error))")
        }

        @Test(arguments: [
            ("cluster,count,template\nC1,3,plain\nC2,4\n", 3, 3, "2 fields where the header has 3"),
            ("cluster,count,template\nC1,3,\"two\nlines, quoted\"\nC2,4,a,b\n", 3, 4, "4 fields where the header has 3"),
            ("cluster,count,template\nC1,many,x\n", 2, 2, "'count' is 'many', not a whole number of records from 0 to 1000000000000"),
            ("cluster,count,template\nC1,-3,x\n", 2, 2, "'count' is '-3', not a whole number of records from 0 to 1000000000000"),
            ("cluster,count,template\n,3,x\n", 2, 2, "the 'cluster' field is empty"),
            ("cluster,count,template\nC1,3,x\nC2,1,y\nC1,4,z\n", 4, 4, "cluster C1 appears again (first in row 2)"),
            ("cluster,count,template\nC1,3,x\nC2,1,\"never closed\nC3,1,z\n", 3, 3, "a quoted field is not closed"),
        ])
        func malformedRows(_ csv: String, _ row: Int, _ line: Int, _ reason: String) throws {
            let (error, folder) = try Self.load(categories: csv)
            let path = folder + "/categories.csv"
            #expect(error == .malformedRow(path: path, row: row, line: line, reason: reason))
            #expect(error?.description == "baseline file \(path), row \(row) (line \(line)): \(reason)")
        }

        @Test(arguments: [
            ("{", "not valid json"),
            ("[1, 2]", "not a json object"),
            (#"{"records": 5}"#, "no 'errorRecords' key"),
            (#"{"records": "5", "errorRecords": 1}"#, "'records' does not hold the expected value"),
            (#"{"records": 5, "errorRecords": 1, "timeRange": {"from": "last monday", "to": "2026-11-09T00:00:00.000Z"}}"#,
             "'timeRange.from' is not an iso-8601 time: 'last monday'"),
            (#"{"records": 5, "errorRecords": 1, "timeRange": {"from": "2026-11-09T00:00:00.000Z"}}"#, "no 'timeRange.to' key"),
            (#"{"records": 5, "errorRecords": 1, "timeRange": {"from": "2026-11-10T00:00:00Z", "to": "2026-11-09T00:00:00Z"}}"#,
             "'timeRange.from' is later than 'timeRange.to'"),
            (#"{"records": -5, "errorRecords": 1}"#, "'records' and 'errorRecords' must be from 0 to 1000000000000"),
        ])
        func malformedSummaries(_ json: String, _ reason: String) throws {
            let (error, folder) = try Self.load(categories: Self.goodCSV, summary: json)
            #expect(error == .malformedSummary(path: folder + "/summary.json", reason: reason))
        }

        @Test func messagesAreLowerCase() {
            let errors: [BaselineError] = [
                .missingFolder(path: "p"), .missingFile(path: "p"), .unreadable(path: "p", reason: "r"), .emptyFile(path: "p"),
                .missingColumn(path: "p", column: "count", found: []), .malformedRow(path: "p", row: 2, line: 2, reason: "r"),
                .malformedSummary(path: "p", reason: "r"),
            ]
            for error in errors { #expect(error.description.first?.isLowercase == true, "\(error)") }
            #expect(BaselineError.missingColumn(path: "p", column: "count", found: []).description.hasSuffix("(found: none)"))
        }
    }
}
