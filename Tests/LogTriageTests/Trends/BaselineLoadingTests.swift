import Foundation
import Testing
@testable import LogTriageBasics
@testable import LogTriageIngest
@testable import LogTriageModel
@testable import LogTriageAnalysis
@testable import LogTriageReports
@testable import LogTriage
import LogTriageTestSupport

extension BaselineTests {
    @Suite("loading a report folder")
    struct LoadingTests {
        /// `categories.csv` rows as `CategoriesTable` writes them, with the fields RFC 4180
        /// has to quote: commas, quotes and line breaks.
        static func categoriesTable() -> CSVTable {
            var table = CSVTable(header: CategoriesTable.header)
            func row(_ id: String, _ category: String, _ service: String, _ template: String, _ count: Int) -> [String] {
                CategoriesTable.header.map { column in
                    switch column {
                    case "cluster": id
                    case "category": category
                    case "service": service
                    case "template": template
                    case "count": String(count)
                    case "example_message": "example of \(template)\nsecond line, with \"quotes\""
                    case "runbook": "correct the data (account, amount); retry"
                    default: ""
                    }
                }
            }
            table.append(row("Ce99f0e82b0", "validation", "pump-worker", "Invoice <*> cannot be updated in state ARCHIVED", 1022))
            table.append(row("Cquoted0001", "transient", "sync, consumer", "Message \"<*>\" sent to DLQ, after <*>", 40))
            table.append(row("Cmultiline1", "validation", "rtd-gateway", "first line\r\nsecond line\nthird, \"line\"", 7))
            table.append(row("Cemptycat01", "other", "", "", 0))
            return table
        }

        static let expected = [
            BaselineCluster(id: "Ce99f0e82b0", count: 1022, category: "validation", service: "pump-worker",
                            template: "Invoice <*> cannot be updated in state ARCHIVED"),
            BaselineCluster(id: "Cquoted0001", count: 40, category: "transient", service: "sync, consumer",
                            template: "Message \"<*>\" sent to DLQ, after <*>"),
            BaselineCluster(id: "Cmultiline1", count: 7, category: "validation", service: "rtd-gateway",
                            template: "first line\r\nsecond line\nthird, \"line\""),
            BaselineCluster(id: "Cemptycat01", count: 0, category: "other"),
        ]

        @Test func loadsAFolderWrittenByTheProject() throws {
            let folder = try BaselineTests.Folder()
            defer { folder.remove() }
            try folder.write(Self.categoriesTable().rendered(), as: "categories.csv")
            try folder.writeSummary(records: 42117, errorRecords: 5828, from: "2026-11-09T00:00:00.123Z", to: "2026-11-15T23:59:59.999Z")

            let baseline = try BaselineCounts.load(reportFolder: folder.path)
            #expect(baseline.clusters.count == 4)
            for cluster in Self.expected { #expect(baseline.clusters[cluster.id] == cluster) }
            #expect(baseline.categories == ["validation": 1029, "transient": 40, "other": 0])
            #expect(baseline.records == 42117 && baseline.errorRecords == 5828)
            #expect(baseline.rangeStart == 1_794_182_400_123)
            #expect(baseline.rangeEnd == 1_794_787_199_999)
            #expect(ISO8601Time.string(milliseconds: try #require(baseline.rangeStart)) == "2026-11-09T00:00:00.123Z")
            #expect(baseline.coveredDuration == .milliseconds(604_799_876))
        }

        @Test func loadsWhatAnAnalysisWrote() throws {
            let fixture = try ClusterFixture(ClusterReportsTests.records())
            defer { fixture.remove() }
            let analysis = Analysis(configuration: try .defaults())
            let result = try analysis.run(InputPlan(arguments: [fixture.path]))
            let out = fixture.fixtures.path("out")
            try analysis.writeReports(result, to: out)

            let baseline = try BaselineCounts.load(reportFolder: out)
            let clusters = result.clustering.clusters
            #expect(baseline.clusters.count == clusters.count && !clusters.isEmpty)
            for cluster in clusters {
                let loaded = try #require(baseline.clusters[cluster.id])
                #expect(loaded.count == cluster.count && loaded.template == cluster.template && loaded.service == cluster.service)
                #expect(loaded.category == cluster.classification.category.rawValue)
            }
            #expect(baseline.records == result.ingest.records)
            #expect(baseline.errorRecords == result.clustering.errorRecords)
            #expect(baseline.rangeStart == result.ingest.firstTimestamp && baseline.rangeEnd == result.ingest.lastTimestamp)
        }

        @Test func columnsAreFoundByNameInAnyOrderAndSet() throws {
            let table = Self.categoriesTable()
            // Newer: reordered, with a column this version does not know. Older: only the
            // columns a baseline needs, capitalised and spaced differently.
            let newer = ["count", "future_column"] + table.header.filter { $0 != "count" }.reversed()
            let older = [" Cluster ", "COUNT", "Category"]
            for header in [newer, older] {
                var rewritten = CSVTable(header: header)
                for row in table.rows {
                    let byName = Dictionary(uniqueKeysWithValues: zip(table.header, row))
                    rewritten.append(header.map { byName[$0.trimmingCharacters(in: .whitespaces).lowercased()] ?? "x,\"y\"\nz" })
                }
                let folder = try BaselineTests.Folder()
                defer { folder.remove() }
                try folder.write(rewritten.rendered(), as: "categories.csv")
                try folder.writeSummary(records: 10, errorRecords: 5, from: nil, to: nil)
                let baseline = try BaselineCounts.load(reportFolder: folder.path)
                #expect(baseline.clusters.mapValues(\.count) == ["Ce99f0e82b0": 1022, "Cquoted0001": 40, "Cmultiline1": 7, "Cemptycat01": 0])
                #expect(baseline.categories == ["validation": 1029, "transient": 40, "other": 0])
                let hasTemplates = header.contains("template")
                #expect(baseline.clusters["Cmultiline1"]?.template == (hasTemplates ? "first line\r\nsecond line\nthird, \"line\"" : ""))
                #expect(baseline.rangeStart == nil && baseline.coveredDuration == nil)
            }
        }

        @Test func acceptsCRLFLineEndingsAByteOrderMarkAndBlankLines() throws {
            let folder = try BaselineTests.Folder()
            defer { folder.remove() }
            try folder.write("\u{FEFF}cluster,count,template\r\nC1,3,\"a,\r\nb\"\r\n\r\nC2,4,plain\r\n", as: "categories.csv")
            try folder.writeSummary(records: 7, errorRecords: 7, from: "2026-11-09T00:00:00Z", to: "2026-11-09T01:00:00Z")
            let baseline = try BaselineCounts.load(reportFolder: folder.path)
            #expect(baseline.clusters["C1"] == BaselineCluster(id: "C1", count: 3, template: "a,\r\nb"))
            #expect(baseline.clusters["C2"]?.count == 4)
            #expect(baseline.coveredDuration == .seconds(3600))
        }

        @Test func loadsTheCommittedSampleReport() throws {
            let folder = BaselineTests.packageRoot + "/Reports/sample"
            let baseline = try BaselineCounts.load(reportFolder: folder)
            let rows = parseCSV(try String(contentsOfFile: folder + "/categories.csv", encoding: .utf8))
            #expect(rows.count > 1)
            #expect(baseline.clusters.count == rows.count - 1)
            let summary = try #require(try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))) as? [String: Any])
            // `gone` rows (count 0) keep last week's clusters in the file but are not this week's.
            #expect(baseline.clusters.values.filter { $0.count > 0 }.count == summary["clusters"] as? Int)
            #expect(baseline.records == summary["records"] as? Int)
            #expect(baseline.errorRecords == summary["errorRecords"] as? Int)
            let categories = try #require(summary["categories"] as? [String: Int])
            #expect(baseline.categories == categories.filter { $0.value > 0 })
            #expect(baseline.coveredDuration.map { $0 > .seconds(6 * 86_400) } == true)
            // Records per service, the traffic that clusters are compared per call against.
            let services = try #require(summary["instrumentation"] as? [[String: Any]])
            #expect(!services.isEmpty)
            for row in services {
                let traffic = (row["records"] as? Int ?? 0) - (row["errors"] as? Int ?? 0)
                #expect(baseline.serviceTraffic[row["service"] as? String ?? ""] == traffic)
            }
        }
    }
}
