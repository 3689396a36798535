import Foundation
import LogTriageBasics

/// The previous week's figures that this week is compared with: records per cluster and
/// per category, totals, and the time the week's records covered.
public struct BaselineCounts: Sendable, Equatable {
    /// Clusters by id.
    public let clusters: [String: BaselineCluster]
    /// Records per category over all clusters (clusters without a category are left out).
    public let categories: [String: Int]
    /// Records read that week (`summary.json` `records`).
    public let records: Int
    /// Records at error level that week (`summary.json` `errorRecords`).
    public let errorRecords: Int
    /// Epoch milliseconds of the week's first and last record, when it had timed records.
    public let rangeStart: Int64?
    public let rangeEnd: Int64?
    /// Records per service that week that are not errors (`summary.json` `instrumentation`:
    /// `records` − `errors`), the traffic failures are weighed against; empty when unknown
    /// (an older summary, the run history).
    public let serviceTraffic: [String: Int]
    /// The week's chronic failures per biller (its `chronic.csv`), nil when the baseline has
    /// none to tell (an older report folder, one written without `--alerts`, the run history):
    /// then a chronic failure can only mean one that fails through the whole of this week.
    public var chronicFailures: [BaselineChronicFailure]?

    /// Figures given directly (a run in memory, the run history, tests). A repeated id adds
    /// its count to the first row with that id rather than stopping the program.
    public init(clusters: [BaselineCluster], records: Int, errorRecords: Int, rangeStart: Int64? = nil, rangeEnd: Int64? = nil,
                serviceTraffic: [String: Int] = [:], chronicFailures: [BaselineChronicFailure]? = nil) {
        self.clusters = Dictionary(clusters.map { ($0.id, $0) }) { first, repeated in
            BaselineCluster(id: first.id, count: first.count + repeated.count, category: first.category,
                            service: first.service, template: first.template)
        }
        categories = clusters.filter { !$0.category.isEmpty }.reduce(into: [:]) { $0[$1.category, default: 0] += $1.count }
        self.records = records
        self.errorRecords = errorRecords
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
        self.serviceTraffic = serviceTraffic
        self.chronicFailures = chronicFailures
    }

    /// The time from the first to the last record; nil when unknown or empty, so a
    /// comparison falls back to raw counts rather than dividing by nothing.
    public var coveredDuration: Duration? {
        guard let rangeStart, let rangeEnd, rangeEnd > rangeStart else { return nil }
        return .milliseconds(rangeEnd - rangeStart)
    }

    /// The largest count a baseline file may give: the largest any file this tool reads back may.
    public static let maximumCount = StoredCount.maximum

    /// Reads `categories.csv` and `summary.json` (totals, time range and records per service)
    /// of an earlier `logtriage analyze` output.
    ///
    /// Columns are found by header name, so files with more, fewer or reordered columns load
    /// as long as `cluster` and `count` are there. Throws `BaselineError`.
    public static func load(reportFolder: String) throws -> BaselineCounts {
        let reportFolder = reportFolder.count > 1 && reportFolder.hasSuffix("/") ? String(reportFolder.dropLast()) : reportFolder
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: reportFolder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BaselineError.missingFolder(path: reportFolder)
        }
        let categoriesPath = reportFolder + "/categories.csv"
        let summaryPath = reportFolder + "/summary.json"
        let clusters = try BaselineCategoriesFile.clusters(in: try text(of: categoriesPath), path: categoriesPath)
        let summary = try BaselineSummaryFile.totals(in: try text(of: summaryPath), path: summaryPath)
        let chronicPath = reportFolder + "/chronic.csv"
        let chronic = FileManager.default.fileExists(atPath: chronicPath)
            ? try BaselineChronicFile.failures(in: try text(of: chronicPath), path: chronicPath) : nil
        return BaselineCounts(clusters: clusters, records: summary.records, errorRecords: summary.errorRecords,
                              rangeStart: summary.rangeStart, rangeEnd: summary.rangeEnd, serviceTraffic: summary.serviceTraffic,
                              chronicFailures: chronic)
    }

    private static func text(of path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else { throw BaselineError.missingFile(path: path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw BaselineError.unreadable(path: path, reason: (error as NSError).localizedDescription.lowercased())
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BaselineError.unreadable(path: path, reason: "not utf-8 text")
        }
        return text
    }
}
