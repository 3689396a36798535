import Foundation
import Testing
@testable import LogTriageIngest
@testable import LogTriageModel
@testable import LogTriageReports
@testable import LogTriage
@testable import LogTriageAnalysis
import LogTriageTestSupport

/// RFC 4180 rows of a CSV text (quoted fields, doubled quotes, embedded newlines).
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var iterator = text.makeIterator()
    while let character = iterator.next() {
        if quoted {
            if character == "\"" {
                if let next = iterator.next() {
                    if next == "\"" { field.append("\"") } else {
                        quoted = false
                        if next == "," { row.append(field); field = "" }
                        else if next == "\n" { row.append(field); rows.append(row); row = []; field = "" }
                        else { field.append(next) }
                    }
                } else { quoted = false }
            } else { field.append(character) }
        } else if character == "\"" && field.isEmpty {
            quoted = true
        } else if character == "," {
            row.append(field); field = ""
        } else if character == "\n" {
            row.append(field); rows.append(row); row = []; field = ""
        } else {
            field.append(character)
        }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

@Suite("Reports: categories, assignments and patterns")
struct ClusterReportsTests {
    static func records() -> [[String: Any]] {
        var records: [[String: Any]] = []
        for index in 0..<30 {
            records.append(["timestamp": 1_794_182_400_000 + index * 60_000, "level": "INFO", "entity.name": "rtd-gateway",
                            "message": "GET /billers/B00\(index % 9)/balance completed in \(100 + index) ms"])
        }
        for index in 0..<5 {
            records.append(["timestamp": 1_794_268_800_000 + index * 1000, "level": "ERROR", "entity.name": "rtd-gateway",
                            "message": "GET /billers/B009/balance failed after 20 ms: 401 Unauthorized: [no body]",
                            "error.class": "org.springframework.web.client.HttpClientErrorException$Unauthorized"])
        }
        for index in 0..<3 {
            records.append(["timestamp": 1_794_182_400_000 + index * 1000, "level": "WARN", "entity.name": "sync-consumer",
                            "message": "Message m-\(index)x sent to DLQ sync.invoices.dlq, after a \"quoted, value\""])
        }
        return records
    }

    @Test func categoriesAssignmentsAndSummary() throws {
        let fixture = try ClusterFixture(Self.records())
        defer { fixture.remove() }
        let analysis = Analysis(configuration: try .defaults())
        let assignmentsPath = fixture.fixtures.path("assignments.csv.gz")
        let spool = try AssignmentSpool(nextTo: assignmentsPath)
        let result = try analysis.run(InputPlan(arguments: [fixture.path]), assignments: spool)
        let out = fixture.fixtures.path("out")
        try analysis.writeReports(result, to: out, assignments: (spool, assignmentsPath))

        let categories = parseCSV(try String(contentsOfFile: out + "/categories.csv", encoding: .utf8))
        #expect(categories.first == CategoriesTable.header)
        #expect(categories.dropFirst().allSatisfy { $0.count == CategoriesTable.header.count })
        let rows = categories.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(CategoriesTable.header, $0)) }
        #expect(rows.map { $0["count"] } == ["5", "3"], "most records first")
        #expect(rows[0]["category"] == "endpoint_auth")
        #expect(rows[0]["first_seen"] == "2026-11-10T00:00:00.000Z")
        #expect(rows[0]["last_seen"] == "2026-11-10T00:00:04.000Z")
        #expect(rows[1]["example_message"] == "Message m-0x sent to DLQ sync.invoices.dlq, after a \"quoted, value\"")

        let assignments = parseCSV(try gunzip(assignmentsPath))
        #expect(assignments.first == ["file", "line", "cluster", "category", "stale"])
        #expect(assignments.count == 1 + 8)
        #expect(Set(assignments.dropFirst().map { $0[2] }) == Set(rows.map { $0["cluster"]! }))
        #expect(assignments[1] == [fixture.path, "31", rows[0]["cluster"]!, "endpoint_auth", "0"])

        let summary = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any])
        #expect(summary["errorRecords"] as? Int == 5)
        #expect(summary["warningRecords"] as? Int == 3)
        #expect(summary["clusters"] as? Int == 2)
        let counts = try #require(summary["categories"] as? [String: Int])
        #expect(counts["endpoint_auth"] == 5 && counts["other"] == 3 && counts["transient"] == 0)
        #expect(counts.keys.sorted() == Category.allCases.map(\.rawValue).sorted())
    }

    @Test func patternsCoverEveryRecord() throws {
        let fixture = try ClusterFixture(Self.records())
        defer { fixture.remove() }
        let analysis = PatternAnalysis(configuration: try .defaults())
        let assignmentsPath = fixture.fixtures.path("patterns.csv")
        let spool = try AssignmentSpool(nextTo: assignmentsPath)
        let (ingest, patterns) = try analysis.run(InputPlan(arguments: [fixture.path]), assignments: spool)
        let out = fixture.fixtures.path("out")
        try analysis.writeReports(ingest: ingest, patterns: patterns, to: out, assignments: (spool, assignmentsPath))

        let rows = parseCSV(try String(contentsOfFile: out + "/patterns.csv", encoding: .utf8))
        #expect(rows.first == ["pattern", "template", "count", "levels", "services", "example"])
        #expect(rows.dropFirst().map { $0[2] } == ["30", "5", "3"])
        #expect(rows[1][1] == "GET <*> completed in <*>")
        #expect(rows[1][3] == "INFO" && rows[1][4] == "rtd-gateway")
        let assigned = parseCSV(try String(contentsOfFile: assignmentsPath, encoding: .utf8))
        #expect(assigned.count == 1 + 38)
        #expect(Set(assigned.dropFirst().map { $0[2] }) == Set(rows.dropFirst().map { $0[0] }))
    }

    func gunzip(_ path: String) throws -> String {
        let stream = try DecodedInputStream(source: .file(path))
        var bytes: [UInt8] = []
        while stream.nextChunk({ bytes.append(contentsOf: $0) }) {}
        return String(decoding: bytes, as: UTF8.self)
    }
}
