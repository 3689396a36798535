import Foundation
import Testing
import LogTriageBasics

/// Week-over-week comparison: loading last week's report folder and labelling clusters;
/// each part is a nested suite in its own file (`swift test --filter BaselineTests`).
@Suite("Trends: week-over-week baseline")
package struct BaselineTests {
    /// A report folder in a fresh temporary directory, written file by file.
    package struct Folder {
        package let path: String

        package init() throws {
            path = NSTemporaryDirectory() + "logtriage-baseline-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        package func remove() { try? FileManager.default.removeItem(atPath: path) }

        package func write(_ text: String, as name: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
        }

        /// A `summary.json` with the keys a baseline reads, written by the project's writer.
        package func writeSummary(records: Int, errorRecords: Int, from: String?, to: String?) throws {
            let range: JSONText = from.map { .object([("from", .string($0)), ("to", .string(to ?? $0))]) } ?? .null
            let summary = JSONText.object([
                ("version", .integer(1)), ("records", .integer(records)), ("timeRange", range),
                ("errorRecords", .integer(errorRecords)), ("clusters", .integer(0)),
            ])
            try write(summary.rendered(), as: "summary.json")
        }
    }

    /// The package root, found from this file's path (Tests/LogTriageTestSupport/Trends/…).
    package static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
}
