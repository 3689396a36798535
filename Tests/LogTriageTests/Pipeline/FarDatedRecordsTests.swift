import Foundation
import Testing
import LogTriageIngest
import LogTriageAnalysis
import LogTriageAlerts
import LogTriageReports
@testable import LogTriageSample
@testable import LogTriage
import LogTriageTestSupport

/// A few records dated 0000-01-01 or 9999-12-31 among a week's records once stretched every
/// per-day figure, chart and alert window over ten thousand years (a 160 MB chart; an alert
/// review that did not end). Now the week is where the records are: the far-dated ones are
/// counted and named, and every time figure is what it is without them.
@Suite("Pipeline: records dated far from the week")
struct FarDatedRecordsTests {
    static func heartbeat(_ time: String) -> String {
        "{\"timestamp\":\"\(time)\",\"level\":\"INFO\",\"message\":\"heartbeat\",\"entity.name\":\"rtd-gateway\"}\n"
    }

    /// A gateway failure as the sample's gateway logs them: the far-dated ones join the
    /// week's cluster, and would make an episode of their own if their windows counted.
    static func failure(_ time: String) -> String {
        "{\"timestamp\":\"\(time)\",\"level\":\"ERROR\",\"message\":\"GET /billers/B003/balance failed after 22 ms: "
            + "503 Service Unavailable\",\"entity.name\":\"rtd-gateway\",\"billerId\":\"B003\",\"sourceId\":\"WEB\","
            + "\"http.statusCode\":503,\"outcome\":\"failure\",\"error.class\":"
            + "\"org.springframework.web.client.HttpServerErrorException$ServiceUnavailable\"}\n"
    }

    /// The files that do not depend on how many records there are: the charts of time and
    /// every alert file. Outside the week a record is in no window.
    static func timeFigures(_ files: [String: [UInt8]]) -> [String: [UInt8]] {
        files.filter { name, _ in
            (name.hasSuffix(".svg") && name != "cluster-sparklines.svg")
                || ["alerts.csv", "incidents.csv", "chronic.csv", "routing.csv", "alerts.tf", "alerts-nerdgraph.json"]
                    .contains(name)
        }
    }

    /// The names of the files that differ between two report folders.
    static func changed(_ one: [String: [UInt8]], _ other: [String: [UInt8]]) -> [String] {
        Set(one.keys).union(other.keys).filter { one[$0] != other[$0] }.sorted()
    }

    @Test func farDatedRecordsChangeNoTimeFigure() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        _ = try SampleExportGenerator.write(to: fixtures.path("week"), options: .init(seed: 7, scale: 0.2, includeDamage: false))
        let configuration = try TriageConfiguration.load(path: AlertReviewTests.sampleConfiguration)
        let conditions = try AlertConditionsFile.load(path: AlertQualityWeekTests.samplesFile("alerts.yml"))
        let files = JobsDeterminismTests.gzipFiles(under: fixtures.path("week/logs"))
        let plain = try JobsDeterminismTests.outputs(files, jobs: 2, conditions: conditions, configuration: configuration,
                                                     in: fixtures, name: "plain")

        var farLines = Self.heartbeat("0000-01-01T00:00:00Z") + Self.heartbeat("9999-12-31T23:59:59Z")
            + Self.heartbeat("9999-12-31T23:58:59Z")
        for minute in 0..<40 { farLines += Self.failure("9999-12-31T22:\(10 + minute):07Z") }
        let far = try fixtures.gzip("far.json.gz", members: [Array(farLines.utf8)])
        let analysis = Analysis(configuration: configuration, alertConditions: conditions, jobs: 2)
        let result = try analysis.run(InputPlan(arguments: files + [far]))
        try analysis.writeReports(result, to: fixtures.path("far"))
        let withFar = try DeterminismTests.files(in: fixtures.path("far"))

        // Partials carry each file's days: merged, they find the same week as one run.
        let text = try String(contentsOfFile: AlertReviewTests.sampleConfiguration, encoding: .utf8)
        let partials = try PartialMergeTests.partials(PartialMergeTests.shards(files + [far], count: 3),
                                                      configuration: configuration, configurationText: text,
                                                      conditions: conditions, in: fixtures, name: "far")
        let merged = try PartialMergeTests.merged(partials, into: fixtures.path("merged"))
        #expect(Self.changed(merged, withFar).isEmpty, "merged differs: \(Self.changed(merged, withFar))")

        #expect(!Self.timeFigures(plain.files).isEmpty && plain.files.keys.contains("alerts.csv"))
        let changed = Self.changed(Self.timeFigures(plain.files), Self.timeFigures(withFar))
        #expect(changed.isEmpty, "changed by the far-dated records: \(changed)")
        #expect(result.ingest.recordsOutsideWeek == 43)
        #expect(result.ingest.week?.outsideDays.map(\.records) == [1, 42])

        func summary(_ files: [String: [UInt8]]) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(try #require(files["summary.json"]))) as! [String: Any]
        }
        let plainSummary = try summary(plain.files), farSummary = try summary(withFar)
        #expect(farSummary["timeRange"] as? [String: String] == plainSummary["timeRange"] as? [String: String])
        #expect(plainSummary["recordsOutsideTimeRange"] as? Int == 0 && farSummary["recordsOutsideTimeRange"] as? Int == 43)
        #expect((farSummary["records"] as? Int).map { $0 - 43 } == plainSummary["records"] as? Int)

        /// The cells of the damaged-input row for these records.
        func outsideRow(_ report: String) -> [String] {
            guard let line = report.split(separator: "\n").first(where: { $0.hasPrefix("| dated outside the week ") })
            else { return [] }
            return line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let report = String(decoding: try #require(withFar["report.md"]), as: UTF8.self)
        #expect(report.contains("43 records are dated more than 7 days from the others"))
        #expect(outsideRow(report) == ["dated outside the week", "43", "0000-01-01, 9999-12-31"])
        let plainReport = String(decoding: try #require(plain.files["report.md"]), as: UTF8.self)
        #expect(!plainReport.contains("dated more than") && outsideRow(plainReport) == ["dated outside the week", "0", "—"])
    }
}
