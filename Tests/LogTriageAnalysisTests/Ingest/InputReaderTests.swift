import Foundation
import Testing
@testable import LogTriageBasics
@testable import LogTriageIngest
@testable import LogTriageAnalysis
import LogTriageTestSupport

/// What one read produced, copied out of the reused record view.
struct ReadResult {
    struct Record: Equatable {
        var position: String
        var message: String?
        var service: String?
        var timestamp: Int64?
        var repaired: Bool
    }

    var report: FileIngestReport
    var records: [Record] = []
    var damage: [DamagedPlace] = []
}

/// Reads `path` through the public reader, with a small chunk size when asked so lines and
/// documents straddle chunk boundaries.
func readInput(_ path: String, chunkSize: Int = 1 << 20, maxLineBytes: Int = 64 << 20,
               configuration: TriageConfiguration? = nil) throws -> ReadResult {
    let configuration = try configuration ?? TriageConfiguration.defaults()
    let reader = InputReader(parser: RecordParser(schema: configuration.schema()), maxLineBytes: maxLineBytes)
    let stream = try DecodedInputStream(source: .file(path), chunkSize: chunkSize, bufferCount: 3)
    var records: [ReadResult.Record] = []
    var damage: [DamagedPlace] = []
    let report = reader.read(stream, path: "in", body: { view in
        records.append(.init(position: view.position.description, message: view.string(.message),
                             service: view.string(.service), timestamp: view.timestampMilliseconds,
                             repaired: view.isRepaired))
    }, damage: { damage.append($0) })
    return ReadResult(report: report, records: records, damage: damage)
}

@Suite("Ingest: framings")
struct FramingTests {
    @Test func jsonLinesInGzipWithEveryKindOfDamage() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let text = """
            {"timestamp":1731146400000,"message":"one","entity.name":"gw"}

            plain text line
            {"message":"cut
            {"message":"bad \u{FF} byte","timestamp":1731146400}
               \t
            {"message":"three"}
            """
        var bytes = Array(text.utf8)
        // Put a raw 0xFF byte (invalid UTF-8) where the placeholder scalar is.
        bytes = Array(String(decoding: bytes, as: UTF8.self).utf8)
        let marker = Array("\u{FF}".utf8)
        if let range = bytes.firstRange(of: marker) { bytes.replaceSubrange(range, with: [0xFF]) }
        let path = try fixtures.gzip("a.json.gz", members: [bytes])
        let result = try readInput(path)
        #expect(result.report.framing == "jsonl")
        #expect(result.report.compression == .gzip)
        #expect(result.records.map(\.position) == ["1", "5", "7"])
        #expect(result.records[1].message == "bad \u{FFFD} byte")
        #expect(result.records[1].repaired)
        #expect(result.records[1].timestamp == 1_731_146_400_000)
        #expect(result.report.records == 3)
        #expect(result.report.repairedRecords == 1)
        #expect(result.report.skipped[.blank] == 2)
        #expect(result.report.skipped[.notJson] == 1)
        #expect(result.report.skipped[.invalidJson] == 1)
        #expect(result.report.untimedRecords == 1)
        #expect(result.damage.map(\.description).contains("in:4: invalid json: string not terminated at byte 12"))
        #expect(result.damage.map(\.description).contains("in:3: not json"))
    }

    @Test func arrayOfRecordsIsStreamedElementByElement() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let text = "[\n {\"message\":\"a\"},\n {\"message\":\"b\", \"nested\": {\"x\": [1, {\"y\": \"]}\"}]}},\n 42,\n {\"message\":\"c\"}\n]\n"
        let path = try fixtures.plain("array.json", Array(text.utf8))
        for chunk in [1, 2, 5, 4096] {
            let result = try readInput(path, chunkSize: chunk)
            #expect(result.report.framing == "array")
            #expect(result.records.map(\.message) == ["a", "b", "c"], "chunk \(chunk)")
            #expect(result.records.map(\.position) == ["#1", "#2", "#4"])
            #expect(result.report.skipped[.invalidJson] == 1)
            #expect(result.damage.first?.description == "in:#3: array element is not an object")
            #expect(!result.report.truncated)
        }
    }

    @Test func historicalExportReadsTheAttributesWrapper() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let text = #"[{"attributes":{"timestamp":1731146400000,"message":"x","entity.name":"pump"}},{"attributes":{"timestamp":"2026-11-09T10:00:00Z","message":"y"}}]"#
        let writer = try GzipWriter(path: fixtures.path("export.json.gz"))
        try writer.write(text)
        try writer.close()
        let result = try readInput(fixtures.path("export.json.gz"), chunkSize: 7)
        #expect(result.report.framing == "export")
        #expect(result.records.map(\.message) == ["x", "y"])
        #expect(result.records.map(\.service) == ["pump", nil])
        #expect(result.records[1].timestamp == 1_794_218_400_000)
    }

    @Test func logAPIPayloadMergesCommonAttributesUnderEachLog() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let text = #"""
            [{"common":{"attributes":{"entity.name":"web","hostname":"h1"}},
              "logs":[{"timestamp":1731146400000,"message":"a"},
                      {"timestamp":1731146401000,"message":"b","attributes":{"entity.name":"web-2"}}]},
             {"logs":[{"message":"c"}]}]
            """#
        let path = try fixtures.plain("payload.json", Array(text.utf8))
        let result = try readInput(path, chunkSize: 3)
        #expect(result.report.framing == "logapi")
        #expect(result.records.map(\.message) == ["a", "b", "c"])
        #expect(result.records.map(\.service) == ["web", "web-2", nil])
        #expect(result.records.map(\.position) == ["#1", "#2", "#3"])
    }

    @Test func oneObjectAndObjectsBackToBack() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let single = try fixtures.plain("one.json", Array("{\n  \"message\": \"only\",\n  \"level\": \"warning\"\n}\n".utf8))
        let one = try readInput(single)
        #expect(one.report.framing == "object")
        #expect(one.records.map(\.message) == ["only"])
        let many = try fixtures.plain("many.json", Array(#"{"message":"1"}{"message":"2"} {"message":"3"}"#.utf8))
        let back = try readInput(many, chunkSize: 4)
        #expect(back.report.framing == "concatenated")
        #expect(back.records.map(\.message) == ["1", "2", "3"])
    }

    @Test func emptyInputsReadAsEmpty() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let zero = try readInput(try fixtures.plain("zero.json", []))
        #expect(zero.report.framing == "empty")
        #expect(zero.report.records == 0 && zero.report.skippedLines == 0)
        let emptyGzip = try readInput(try fixtures.gzip("empty.gz", members: [[]]))
        #expect(emptyGzip.report.compression == .gzip)
        #expect(emptyGzip.report.framing == "empty")
        let blanks = try readInput(try fixtures.plain("blank.json", Array("\n  \n\n".utf8)))
        #expect(blanks.report.skipped[.blank] == 3)
    }

    @Test func plainFileNamedGzIsReadAsPlain() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let path = try fixtures.plain("plain.json.gz", Array("{\"message\":\"p\"}\n".utf8))
        let result = try readInput(path)
        #expect(result.report.compression == Compression.none)
        #expect(result.records.map(\.message) == ["p"])
    }

    @Test func leadingBlankLinesKeepLineNumbersAndCRLFIsAccepted() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let path = try fixtures.plain("crlf.json", Array("\r\n\r\n{\"message\":\"x\"}\r\n{\"message\":\"y\"}\r\n".utf8))
        let result = try readInput(path)
        #expect(result.report.framing == "jsonl")
        #expect(result.records.map(\.position) == ["3", "4"])
        #expect(result.report.skipped[.blank] == 2)
    }
}

@Suite("Ingest: damage and limits")
struct DamageTests {
    @Test(arguments: [3, 64, 1 << 20])
    func oversizedLinesAreSkippedWithoutBeingAssembled(chunkSize: Int) throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let long = "{\"message\":\"" + String(repeating: "x", count: 500) + "\"}"
        let text = "{\"message\":\"short\"}\n\(long)\n{\"message\":\"after\"}\n\(long)"
        let path = try fixtures.gzip("long.gz", members: [Array(text.utf8)])
        let result = try readInput(path, chunkSize: chunkSize, maxLineBytes: 100)
        #expect(result.records.map(\.message) == ["short", "after"])
        #expect(result.records.map(\.position) == ["1", "3"])
        #expect(result.report.skipped[.oversized] == 2)
        #expect(result.damage.filter { $0.damage == .skipped(.oversized) }.map { $0.position?.description } == ["2", "4"])
    }

    @Test func oversizedDocumentElement() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let text = "[{\"message\":\"" + String(repeating: "y", count: 300) + "\"},{\"message\":\"ok\"}]"
        let result = try readInput(try fixtures.plain("doc.json", Array(text.utf8)), chunkSize: 16, maxLineBytes: 100)
        #expect(result.records.map(\.message) == ["ok"])
        #expect(result.records.map(\.position) == ["#2"])
        #expect(result.report.skipped[.oversized] == 1)
    }

    @Test func truncatedGzipKeepsEveryRecordBeforeTheCut() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        var text = ""
        for index in 0..<2000 { text += "{\"message\":\"record \(index)\",\"timestamp\":\(1_731_146_400_000 + index)}\n" }
        let whole = try fixtures.gzip("whole.gz", members: [Array(text.utf8)])
        let bytes = try fixtures.bytes(of: whole)
        let cut = try fixtures.plain("cut.gz", Array(bytes.prefix(bytes.count * 2 / 3)))
        let result = try readInput(cut)
        #expect(result.report.truncated)
        #expect(result.report.error == "gzip stream ends before its end marker")
        #expect(result.records.count > 100)
        // Every record kept is one of the originals, in order, with no gap.
        #expect(result.records.enumerated().allSatisfy { $0.element.message == "record \($0.offset)" })
        // The partial last line is counted, not dropped.
        #expect(result.report.records + result.report.skippedLines == result.records.count + result.report.skipped[.invalidJson])
        #expect(result.damage.contains { $0.damage == .truncatedInput })
    }

    @Test func truncatedDocumentCountsItsPartialRecord() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let path = try fixtures.plain("cut.json", Array(#"[{"message":"a"},{"message":"b"},{"mess"#.utf8))
        let result = try readInput(path)
        #expect(result.records.map(\.message) == ["a", "b"])
        #expect(result.report.skipped[.invalidJson] == 1)
        #expect(result.report.truncated)
    }

    @Test func multiMemberGzipWithLinesSpanningMembers() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let text = Array("{\"message\":\"first\"}\n{\"message\":\"sec".utf8)
        let rest = Array("ond\"}\n{\"message\":\"third\"}\n".utf8)
        let path = try fixtures.gzip("multi.gz", members: [text, [], rest])
        let result = try readInput(path, chunkSize: 5)
        #expect(result.records.map(\.message) == ["first", "second", "third"])
        #expect(!result.report.truncated)
    }

    /// The same bytes give the same records whatever the chunk boundaries.
    @Test func resultsDoNotDependOnChunkBoundaries() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let path = try fixtures.gzip("lines.gz", members: [InputFixtures.logLines(count: 20_000), Array("\nnot json\n{bad\n".utf8)])
        let reference = try readInput(path)
        for chunk in [1, 7, 64, 1000] {
            let other = try readInput(path, chunkSize: chunk)
            #expect(other.records == reference.records, "chunk \(chunk)")
            #expect(other.report.skipped == reference.report.skipped)
        }
        #expect(reference.report.skipped[.notJson] == 1)
    }
}
