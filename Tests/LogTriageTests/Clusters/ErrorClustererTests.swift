import Foundation
import Testing
@testable import LogTriageBasics
@testable import LogTriageIngest
@testable import LogTriageAnalysis
@testable import LogTriageReports
@testable import LogTriage
@testable import LogTriageModel
import LogTriageTestSupport

/// Builds a gzip JSON-lines export from records and runs the whole analysis on it.
struct ClusterFixture {
    let fixtures: InputFixtures
    let path: String

    init(_ records: [[String: Any]]) throws {
        fixtures = try InputFixtures()
        path = fixtures.path("export.json.gz")
        let writer = try GzipWriter(path: path)
        for record in records {
            let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
            try writer.write([UInt8](data) + [0x0A])
        }
        try writer.close()
    }

    func analyze(maxClusters: Int? = nil, configuration: TriageConfiguration? = nil) throws -> AnalysisResult {
        let configuration = try configuration ?? TriageConfiguration.defaults()
        if let maxClusters {
            let clusterer = ErrorClusterer(rules: configuration.categoryRules, slowThresholdMs: configuration.slowThresholdMs,
                                           maxClusters: maxClusters)
            let summary = try IngestRun(configuration: configuration).read(InputPlan(arguments: [path])) { record, _ in
                _ = clusterer.consume(record)
            }
            return AnalysisResult(ingest: summary, clustering: clusterer.finish(), outcomes: OutcomeFigures(policy: configuration.retryPolicy), staleInvoices: .init(), sourceIdGaps: [])
        }
        return try Analysis(configuration: configuration).run(InputPlan(arguments: [path]))
    }

    func remove() { fixtures.remove() }
}

/// A Java stack trace as agents log it, with a release's line numbers.
func javaStack(_ header: String, causes: [String] = [], frames: [String], line: Int = 42) -> String {
    var text = header + "\n"
    for (index, frame) in frames.enumerated() { text += "\tat \(frame)(\(frame.split(separator: ".").dropLast().last ?? "X").java:\(line + index))\n" }
    for cause in causes { text += "Caused by: \(cause)\n\tat java.net.SocketInputStream.read(SocketInputStream.java:\(line))\n" }
    return text
}

@Suite("Clusters: error clusters and categories")
struct ErrorClustererTests {
    static let time = 1_794_182_400_000

    static func error(_ message: String, service: String = "rtd-gateway", errorClass: String? = nil,
                      stack: String? = nil, status: Int? = nil, at offset: Int = 0) -> [String: Any] {
        var record: [String: Any] = ["timestamp": time + offset * 1000, "message": message, "level": "ERROR",
                                     "entity.name": service]
        if let errorClass { record["error.class"] = errorClass }
        if let stack { record["error.stack"] = stack }
        if let status { record["http.statusCode"] = status }
        return record
    }

    @Test func errorsWarningsAndOtherRecords() throws {
        let fixture = try ClusterFixture([
            ["message": "a", "level": "error"],
            ["message": "b", "log.level": "Fatal"],
            ["message": "c", "level": "INFO", "error.class": "java.lang.IllegalStateException"],
            ["message": "d", "level": "INFO", "outcome": "failure"],
            ["message": "e", "level": "warning"],
            ["message": "f", "level": "INFO", "outcome": "success"],
            ["message": "g", "level": "WARN", "outcome": "FAILURE"],
        ])
        defer { fixture.remove() }
        let result = try fixture.analyze()
        #expect(result.clustering.errorRecords == 5)
        #expect(result.clustering.warningRecords == 1)
    }

    @Test func theSameCallAnswering502503Or504IsOneCluster() throws {
        let fixture = try ClusterFixture([
            Self.error("GET /billers/B017/balance failed after 412 ms: 502 Bad Gateway: \"<html>bad</html>\"",
                       errorClass: "org.springframework.web.client.HttpServerErrorException$BadGateway", status: 502),
            Self.error("GET /billers/B017/balance failed after 97 ms: 503 Service Unavailable: {\"status\":503}",
                       errorClass: "org.springframework.web.client.HttpServerErrorException$ServiceUnavailable", status: 503, at: 1),
            Self.error("GET /billers/B017/balance failed after 30001 ms: 504 Gateway Timeout: [no body]",
                       errorClass: "org.springframework.web.client.HttpServerErrorException$GatewayTimeout", status: 504, at: 2),
            Self.error("GET /billers/B009/balance failed after 25 ms: 401 Unauthorized: [no body]",
                       errorClass: "org.springframework.web.client.HttpClientErrorException$Unauthorized", status: 401, at: 3),
        ])
        defer { fixture.remove() }
        let clusters = try fixture.analyze().clustering.clusters
        #expect(clusters.count == 2)
        let outage = try #require(clusters.first { $0.count == 3 })
        #expect(outage.classification.category == .transient)
        #expect(outage.classification.tier == .warning)
        #expect(outage.classification.retryable == true)
        #expect(Set(outage.exceptionClasses) == [
            "org.springframework.web.client.HttpServerErrorException$BadGateway",
            "org.springframework.web.client.HttpServerErrorException$ServiceUnavailable",
            "org.springframework.web.client.HttpServerErrorException$GatewayTimeout"])
        let auth = try #require(clusters.first { $0.count == 1 })
        #expect(auth.classification.category == .endpointAuth)
        #expect(auth.classification.team == "client-services")
        #expect(auth.classification.tier == .critical)
    }

    /// The status scan skips eight digit-free bytes at a time: a status phrase is found
    /// wherever it falls against those steps.
    @Test func aStatusPhraseIsMaskedAtEveryOffset() throws {
        let fixture = try ClusterFixture((1...17).map { offset in
            Self.error(String(repeating: "x", count: offset) + " call failed: 503 Service Unavailable: {\"id\":\(offset)}", at: offset)
        })
        defer { fixture.remove() }
        let clusters = try fixture.analyze().clustering.clusters
        #expect(clusters.count == 17)
        #expect(clusters.allSatisfy { $0.template.hasSuffix("call failed: unavailable <*>") }, "\(clusters.map(\.template))")
    }

    @Test func aWrapperAndTheExceptionItWrapsAreOneCluster() throws {
        let frames = ["com.acme.gateway.BillerClient.fetchBalance", "com.acme.gateway.BalanceService.refresh"]
        let fixture = try ClusterFixture([
            Self.error("Unexpected error", errorClass: "org.springframework.web.client.ResourceAccessException",
                       stack: javaStack("org.springframework.web.client.ResourceAccessException: I/O error on GET request: Read timed out",
                                        causes: ["java.net.SocketTimeoutException: Read timed out"], frames: frames)),
            Self.error("Unexpected error", errorClass: "java.net.SocketTimeoutException",
                       stack: javaStack("java.net.SocketTimeoutException: Read timed out", frames: frames), at: 1),
            Self.error("Unexpected error", errorClass: "java.lang.IllegalStateException",
                       stack: javaStack("java.lang.IllegalStateException: pool closed",
                                        frames: ["com.acme.gateway.PoolManager.borrow"]), at: 2),
        ])
        defer { fixture.remove() }
        let clusters = try fixture.analyze().clustering.clusters
        #expect(clusters.count == 2, "a generic message is refined by root cause and frames")
        let timeouts = try #require(clusters.first { $0.count == 2 })
        #expect(timeouts.exceptionClasses == ["java.net.SocketTimeoutException"])
        #expect(timeouts.classification.category == .transient)
        #expect(timeouts.exampleFrame == "BillerClient.fetchBalance")
    }

    @Test func twoValidatorsRaisingTheSameMessageAreOneCluster() throws {
        let fixture = try ClusterFixture([
            Self.error("Autopay payment AP-1001 rejected: Invalid amount -12.50 for account 88812", service: "autopay-runner",
                       errorClass: "com.acme.autopay.ValidationException",
                       stack: javaStack("com.acme.autopay.ValidationException: Invalid amount -12.50 for account 88812",
                                        frames: ["com.acme.autopay.AmountValidator.validate"])),
            Self.error("Autopay payment AP-1002 rejected: Invalid amount -3.10 for account 4411", service: "autopay-runner",
                       errorClass: "com.acme.autopay.ValidationException",
                       stack: javaStack("com.acme.autopay.ValidationException: Invalid amount -3.10 for account 4411",
                                        frames: ["com.acme.autopay.PaymentValidator.check"]), at: 1),
        ])
        defer { fixture.remove() }
        let clusters = try fixture.analyze().clustering.clusters
        #expect(clusters.count == 1)
        #expect(clusters.first?.classification.category == .validation)
        #expect(clusters.first?.template == "Autopay payment <*> rejected: Invalid amount <*> for account <*>")
    }

    /// The same error after a deploy: other line numbers, another version in the message,
    /// another jar version in the frames.
    @Test func clusterIdsAreStableAcrossReleases() throws {
        func week(version: String, line: Int) throws -> ErrorCluster {
            let fixture = try ClusterFixture((0..<3).map { index in
                Self.error("Failed to deserialize message \(UUID().uuidString) from sync.invoices (consumer \(version))",
                           service: "sync-consumer",
                           errorClass: "com.fasterxml.jackson.databind.exc.InvalidTypeIdException",
                           stack: javaStack("com.fasterxml.jackson.databind.exc.InvalidTypeIdException: Could not resolve type id 'invoice.updated.v2'",
                                            frames: ["com.acme.sync.InvoiceListener.onMessage"], line: line), at: index)
            })
            defer { fixture.remove() }
            return try #require(fixture.analyze().clustering.clusters.first)
        }
        let before = try week(version: "v2.3.1", line: 40)
        let after = try week(version: "v2.4.0", line: 77)
        #expect(before.id == after.id)
        #expect(before.classification.category == .deserialization)
        #expect(before.classification.team == "sync-consumer", "owning team defaults to the service")
    }

    @Test func aJSONMessageIsMinedFromItsHumanText() throws {
        let fixture = try ClusterFixture([
            ["timestamp": Self.time, "level": "ERROR", "entity.name": "sync-consumer",
             "message": "{\"msg\":\"Consumer lag too high on partition 3\",\"queue\":\"sync.invoices\",\"lag\":1200}"],
            ["timestamp": Self.time + 1, "level": "ERROR", "entity.name": "sync-consumer",
             "message": "{\"msg\":\"Consumer lag too high on partition 7\",\"queue\":\"sync.invoices\",\"lag\":99}"],
        ])
        defer { fixture.remove() }
        let clusters = try fixture.analyze().clustering.clusters
        #expect(clusters.map(\.template) == ["Consumer lag too high on partition <*>"])
    }

    @Test func slowRecordsAreTheirOwnCategory() throws {
        var slow: [String: Any] = ["timestamp": Self.time, "level": "WARN", "entity.name": "rtd-gateway",
                                   "message": "GET /billers/B003/balance slow response: completed in 4100 ms", "durationMs": 4100]
        var fast = slow
        fast["durationMs"] = 120
        fast["message"] = "GET /billers/B003/balance completed in 120 ms"
        fast["level"] = "INFO"
        slow["billerId"] = "B003"
        let fixture = try ClusterFixture([slow, fast])
        defer { fixture.remove() }
        let result = try fixture.analyze()
        #expect(result.clustering.clusters.map(\.classification.category) == [.slow])
        #expect(result.clustering.clusters.first?.classification.retryable == nil)
    }

    @Test func beyondTheCapRecordsGoToOneOtherCluster() throws {
        let fixture = try ClusterFixture((0..<6).map { index in
            Self.error("failure kind \(["alpha", "beta", "gamma", "delta", "epsilon", "zeta"][index]) happened in stage one",
                       service: "svc-\(index)", at: index)
        })
        defer { fixture.remove() }
        let result = try fixture.analyze(maxClusters: 3)
        #expect(result.clustering.clusters.count == 4)
        #expect(result.clustering.overflowRecords == 3)
        #expect(result.clustering.clusters.contains { $0.service == "(other)" && $0.count == 3 })
    }
}
