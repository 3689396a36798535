import Foundation
import Testing
@testable import LogTriageIngest
@testable import LogTriageAnalysis
@testable import LogTriage
import LogTriageTestSupport

/// What a miner behind the read is handed of a record must be what a miner on the reading
/// thread reads of it: the cluster text (HTTP status masked, first line, embedded message),
/// the normalised level and the service.
@Suite("Pipeline: pattern batches hand out what the record reads")
struct PatternBatchTests {
    @Test func aBatchHandsOutTheTextLevelAndServiceTheRecordReads() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let lines = [
            #"{"timestamp":1700000000000,"level":"warning","service":"gateway","message":"GET /bills returned 503 Service Unavailable: <html>busy</html>"}"#,
            #"{"timestamp":1700000000001,"level":"Err","message":"call to biller 7 failed with 401 UNAUTHORIZED\nat line 2"}"#,
            #"{"timestamp":1700000000002,"level":" info ","message":"{\"message\":\"upstream 502 Bad Gateway from pump\",\"type\":\"x\"}"}"#,
            #"{"timestamp":1700000000003,"severity":"ERROR","error.message":"took 620 ms, then 504 Gateway Timeout"}"#,
            #"{"timestamp":1700000000004,"message":"plain text without a status"}"#,
            #"{"timestamp":1700000000005,"level":50,"message":"w\u00e9ird 404 Not Found tail"}"#,
        ]
        let path = try fixtures.gzip("batch.json.gz", members: [Array((lines.joined(separator: "\n") + "\n").utf8)])
        var expected: [(text: String, level: String?, service: String?)] = []
        var batch = PatternBatch(sequence: 0, firstOrdinal: 0, capacity: lines.count)
        _ = try IngestRun(configuration: try .defaults()).read(InputPlan(arguments: [path])) { record, file in
            expected.append((ClusterMessage.text(of: record), record.level, record.string(.service)))
            batch.append(record, file: file)
        }
        try #require(expected.count == lines.count)
        #expect(expected[0].text.hasSuffix("unavailable <*>"), "this text has its status masked")
        var handed: [(text: String, level: String?, service: String?)] = []
        batch.forEach { record in
            handed.append((String(decoding: record.text, as: UTF8.self), record.level, record.service))
        }
        #expect(handed.count == expected.count)
        for (index, (ours, theirs)) in zip(handed, expected).enumerated() {
            #expect(ours.text == theirs.text, "record \(index)")
            #expect(ours.level == theirs.level, "record \(index)")
            #expect(ours.service == theirs.service, "record \(index)")
        }
    }
}
