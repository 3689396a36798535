import Foundation
import Testing
@testable import LogTriageBasics
@testable import LogTriageIngest
@testable import LogTriageAnalysis
@testable import LogTriageReports
@testable import LogTriage
@testable import LogTriageModel
@testable import LogTriageAlerts
import LogTriageTestSupport

/// Stale-invoice noise end to end: pump loops in gzip files, read by `analyze`, verdicts in
/// the clusters, the biller figures, the summary and the assignments file.
@Suite("Pipeline: stale invoices end to end")
struct StaleInvoiceAnalysisTests {
    static let start: Int64 = 1_794_182_400_000

    /// One pump record: `failure` is an invoice-state error, "timeout" a transient one, nil a success.
    static func pump(account: String, invoice: Int, date: String, at seconds: Int64, failure: String?,
                     biller: String = "B001") -> [String: Any] {
        var record: [String: Any] = [
            "timestamp": start + seconds * 1000, "service.name": "pump-worker", "accountId": account,
            "invoiceId": "INV-2026-\(invoice)", "invoiceDate": date, "billerId": biller,
        ]
        switch failure {
        case nil:
            record["log.level"] = "INFO"
            record["outcome"] = "success"
            record["message"] = "Synced invoice INV-2026-\(invoice) for account \(account)"
        case "timeout"?:
            record["log.level"] = "ERROR"
            record["outcome"] = "failure"
            record["message"] = "Failed to sync invoice INV-2026-\(invoice) for account \(account): Read timed out"
            record["error.class"] = "java.net.SocketTimeoutException"
        case let state?:
            record["log.level"] = "ERROR"
            record["outcome"] = "failure"
            record["message"] = "Failed to sync invoice INV-2026-\(invoice) for account \(account): Invoice INV-2026-\(invoice) \(state)"
            record["error.class"] = "com.acme.pump.InvoiceStateException"
        }
        return record
    }

    /// Loops: A (old invoices settled, newest succeeds → 2 stale), B (everything refused →
    /// 0 stale), C (newest times out → the old refusal is stale, the timeout is not),
    /// D (a timeout on an old invoice → never stale), E (two loops an hour apart: the old
    /// refusal in the first loop has no newer invoice in its loop → not stale).
    static func week() -> (first: [[String: Any]], second: [[String: Any]]) {
        let loopA = [pump(account: "A", invoice: 1, date: "2026-06-01", at: 0, failure: "is already settled"),
                     pump(account: "A", invoice: 2, date: "2026-07-01", at: 5, failure: "is closed"),
                     pump(account: "A", invoice: 3, date: "2026-08-01", at: 9, failure: nil)]
        let loopB = [pump(account: "B", invoice: 4, date: "2026-06-01", at: 100, failure: "is already settled", biller: "B011"),
                     pump(account: "B", invoice: 5, date: "2026-08-01", at: 104, failure: "is already settled", biller: "B011")]
        let loopC = [pump(account: "C", invoice: 6, date: "2026-06-01", at: 200, failure: "is closed"),
                     pump(account: "C", invoice: 7, date: "2026-08-01", at: 203, failure: "timeout")]
        let loopD = [pump(account: "D", invoice: 8, date: "2026-06-01", at: 300, failure: "timeout"),
                     pump(account: "D", invoice: 9, date: "2026-08-01", at: 302, failure: nil)]
        let loopE = [pump(account: "E", invoice: 10, date: "2026-07-01", at: 400, failure: "is closed"),
                     pump(account: "E", invoice: 11, date: "2026-08-01", at: 4000, failure: nil)]
        // Split loops across the two files, as exports split a day.
        let all = loopA + loopB + loopC + loopD + loopE
        return (Array(all.prefix(6)), Array(all.dropFirst(6)))
    }

    static func write(_ records: [[String: Any]], to path: String) throws {
        let writer = try GzipWriter(path: path)
        for record in records {
            try writer.write([UInt8](try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])) + [0x0A])
        }
        try writer.close()
    }

    static func analyze(_ paths: [String], out: String) throws -> AnalysisResult {
        let analysis = Analysis(configuration: try .defaults())
        let spool = try AssignmentSpool(nextTo: out + "-assignments.csv")
        let result = try analysis.run(InputPlan(arguments: paths), assignments: spool)
        try analysis.writeReports(result, to: out, assignments: (spool, out + "-assignments.csv"))
        return result
    }

    @Test func verdictsReachEveryFigure() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let (first, second) = Self.week()
        try Self.write(first, to: fixtures.path("a.json.gz"))
        try Self.write(second, to: fixtures.path("b.json.gz"))
        let result = try Self.analyze([fixtures.path("a.json.gz"), fixtures.path("b.json.gz")], out: fixtures.path("out"))

        #expect(result.staleInvoices.staleFailures == 3, "A's two refusals and C's refusal")
        #expect(result.staleInvoices.recentFailures == 5, "B's two, C's timeout, D's timeout, E's refusal")
        #expect(result.unjudgedFailures == 0)
        let refused = result.clustering.clusters.filter { $0.classification.category == .validation }
        #expect(refused.reduce(0) { $0 + $1.staleCount } == 3)
        let b011 = try #require(result.outcomes.billers.pairs[BillerKey(billerId: "B011", sourceId: nil)])
        #expect(b011.staleFailures == 0 && b011.recentFailures == 2)
        let b001 = try #require(result.outcomes.billers.pairs[BillerKey(billerId: "B001", sourceId: nil)])
        #expect(b001.staleFailures == 3)

        let assignments = parseCSV(try String(contentsOfFile: fixtures.path("out-assignments.csv"), encoding: .utf8))
        let staleRows = assignments.dropFirst().filter { $0[4] == "1" }.map { "\($0[0].suffix(9)):\($0[1])" }
        #expect(staleRows == ["a.json.gz:1", "a.json.gz:2", "a.json.gz:6"])
        let summary = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: fixtures.path("out/summary.json")))) as? [String: Any])
        #expect(summary["staleFailures"] as? Int == 3)
        #expect(summary["recentFailures"] as? Int == 5)
        #expect(summary["unjudgedFailures"] as? Int == 0)
    }

    /// The alert stage counts each failure subject's records per cluster, for the cluster a
    /// chronic failure names; a stale-invoice failure is taken out once its verdict is in, so a
    /// loop's old invoices cannot make their cluster the subject's main one.
    @Test(arguments: [1, 2])
    func staleFailuresLeaveTheAlertStagesFailureSubjects(jobs: Int) throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let (first, second) = Self.week()
        try Self.write(first + second, to: fixtures.path("a.json.gz"))
        let conditions = [AlertCondition(name: "pump errors", nrql: "SELECT count(*) FROM Log WHERE level = 'ERROR'",
                                         critical: AlertThreshold(operator: .above, value: 5, durationSeconds: 300))]
        let analysis = Analysis(configuration: try .defaults(), alertConditions: conditions, jobs: jobs)
        let read = try analysis.read(InputPlan(arguments: [fixtures.path("a.json.gz")]), progress: nil, assignments: nil,
                                     damage: { _ in })
        let alerts = try #require(read.alerts)
        func placed(_ biller: String, _ category: Category) -> Int {
            alerts.subjectClusters[FailureSubject(service: "pump-worker", billerId: biller, category: category)]?
                .clusters.values.reduce(0, +) ?? 0
        }
        let categories = Set(alerts.subjectClusters.keys.map(\.category))
        let beforeVerdicts = categories.map { placed("B001", $0) }.reduce(0, +)
        #expect(beforeVerdicts == 6, "A's two refusals, C's refusal and timeout, D's timeout, E's refusal")
        try read.stale.judge().finish(read.stages, threads: jobs)
        #expect(categories.map { placed("B001", $0) }.reduce(0, +) == 3, "three of them stale")
        #expect(categories.map { placed("B011", $0) }.reduce(0, +) == 2, "B's two refusals, recent")
    }

    /// Files given in either order, and records shuffled within them, give the same verdicts.
    @Test func verdictsDoNotDependOnFileOrder() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let (first, second) = Self.week()
        try Self.write(first, to: fixtures.path("a.json.gz"))
        try Self.write(second.reversed(), to: fixtures.path("b.json.gz"))
        let forward = try Self.analyze([fixtures.path("a.json.gz"), fixtures.path("b.json.gz")], out: fixtures.path("f"))
        let backward = try Self.analyze([fixtures.path("b.json.gz"), fixtures.path("a.json.gz")], out: fixtures.path("r"))
        #expect(forward.staleInvoices == backward.staleInvoices)
        #expect(try String(contentsOfFile: fixtures.path("f/billers.csv"), encoding: .utf8)
                == String(contentsOfFile: fixtures.path("r/billers.csv"), encoding: .utf8))
    }

    @Test func recordsWithoutAccountOrInvoiceDateAreUnjudged() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        var lone = Self.pump(account: "Z", invoice: 1, date: "2026-06-01", at: 0, failure: "is closed")
        lone["accountId"] = nil
        var undated = Self.pump(account: "Y", invoice: 2, date: "2026-06-01", at: 1, failure: "is closed")
        undated["invoiceDate"] = "not a date"
        try Self.write([lone, undated], to: fixtures.path("a.json.gz"))
        let result = try Self.analyze([fixtures.path("a.json.gz")], out: fixtures.path("out"))
        #expect(result.unjudgedFailures == 2)
        #expect(result.staleInvoices.staleFailures == 0)
    }

    @Test func deadLettersAfterTransientErrorsAreRetryPolicyMismatches() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        func record(_ level: String, _ message: String, _ errorClass: String? = nil, at seconds: Int64) -> [String: Any] {
            var record: [String: Any] = ["timestamp": Self.start + seconds * 1000, "entity.name": "export-consumer",
                                         "level": level, "message": message]
            if let errorClass { record["error.class"] = errorClass }
            return record
        }
        try Self.write([
            record("ERROR", "Export of message 7f0c2a1e-0000-4000-8000-000000000001 failed: 503 Service Unavailable",
                   "org.springframework.web.client.HttpServerErrorException$ServiceUnavailable", at: 0),
            record("WARN", "Message 7f0c2a1e-0000-4000-8000-000000000001 dead-lettered to export.dlq after 0 retries", at: 1),
            record("ERROR", "Export of message 7f0c2a1e-0000-4000-8000-000000000002 failed: Invalid amount -3 for account 12",
                   "com.acme.export.ValidationException", at: 2),
            record("WARN", "Message 7f0c2a1e-0000-4000-8000-000000000002 dead-lettered to export.dlq after 0 retries", at: 3),
        ], to: fixtures.path("a.json.gz"))
        _ = try Self.analyze([fixtures.path("a.json.gz")], out: fixtures.path("out"))
        let rows = parseCSV(try String(contentsOfFile: fixtures.path("out/services.csv"), encoding: .utf8))
        let row = Dictionary(uniqueKeysWithValues: zip(rows[0], rows[1]))
        #expect(row["service"] == "export-consumer")
        #expect(row["dead_letters"] == "2")
        #expect(row["retry_mismatches"] == "1")
        #expect(row["missing_source_id"] == "1.0000")
        let summary = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: fixtures.path("out/summary.json")))) as? [String: Any])
        let gaps = try #require(summary["instrumentation"] as? [[String: Any]])
        #expect(gaps.first?["service"] as? String == "export-consumer")
        #expect(gaps.first?["missingTraceId"] as? Int == 4)
        #expect(gaps.first?["errorsWithoutStack"] as? Int == 2)
        let sourceGaps = try #require(summary["sourceIdGaps"] as? [[String: Any]])
        #expect(sourceGaps.first?["unattributedFailures"] as? Int == 2)
        let deadLetters = try #require(summary["deadLetterServices"] as? [[String: Any]])
        #expect(deadLetters.first?["causes"] as? [String: Int] == ["transient": 1, "validation": 1, "unknown": 0])
    }
}
