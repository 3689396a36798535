import Foundation
import Testing
@testable import LogTriageIngest
import LogTriageTestSupport

/// A damaged first line must not decide how the whole file is read, and text that is not
/// UTF-8 is refused with a message that says how to convert it.
@Suite("Ingest: framing by evidence")
struct FramingEvidenceTests {
    static func records(_ count: Int) -> String {
        (1...count).map { "{\"message\":\"record \($0)\",\"timestamp\":17311464\($0 + 10)000}" }.joined(separator: "\n")
    }

    @Test(arguments: [
        "[{\"message\":\"cut short",
        "[garbage at the start of the export",
        "[",
        "{\"message\":\"cut short",
        "{\"message\": \"unterminated\", ",
        "[{\"message\":\"whole\"}, {\"message\":",
    ], [1, 7, 4096])
    func aDamagedFirstLineKeepsEveryValidRecordAfterIt(firstLine: String, chunkSize: Int) throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let path = try fixtures.gzip("week.json.gz", members: [Array((firstLine + "\n" + Self.records(11) + "\n").utf8)])
        let result = try readInput(path, chunkSize: chunkSize)
        #expect(result.report.framing == "jsonl")
        #expect(result.records.map(\.message) == (1...11).map { "record \($0)" })
        #expect(result.records.first?.position == "2")
        #expect(result.report.skipped.total == 1)
        #expect(!result.report.truncated)
    }

    @Test(arguments: [1, 5, 4096])
    func prettyPrintedDocumentsStayDocuments(chunkSize: Int) throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let array = "[\n  {\"message\": \"a\"},\n  {\"message\": \"b\"},\n  {\"message\": \"c\"}\n]\n"
        let compact = "[\n{\"message\":\"a\"},\n{\"message\":\"b\"},\n{\"message\":\"c\"}\n]\n"
        let object = "{\n  \"message\": \"a\",\n  \"attributes\": {\"level\": \"ERROR\"}\n}\n"
        for (text, framing, count) in [(array, "array", 3), (compact, "array", 3), (object, "object", 1)] {
            let path = try fixtures.plain("doc.json", Array(text.utf8))
            let result = try readInput(path, chunkSize: chunkSize)
            #expect(result.report.framing == framing, "\(text)")
            #expect(result.records.count == count, "\(text)")
            #expect(result.report.skipped.total == 0, "\(text)")
        }
    }

    @Test(arguments: [
        ("utf-16le", [UInt8(0xFF), 0xFE], "UTF-16LE"),
        ("utf-16be", [UInt8(0xFE), 0xFF], "UTF-16BE"),
        ("utf-32le", [UInt8(0xFF), 0xFE, 0x00, 0x00], "UTF-32LE"),
        ("utf-32be", [UInt8(0x00), 0x00, 0xFE, 0xFF], "UTF-32BE"),
    ])
    func textThatIsNotUTF8IsRefusedWithHowToConvertIt(framing: String, mark: [UInt8], iconv: String) throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let text = Self.records(3) + "\n"
        var bytes = mark
        for unit in text.unicodeScalars.map(\.value) {
            switch framing {
            case "utf-16le": bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            case "utf-16be": bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
            case "utf-32le": bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8 & 0xFF), 0, 0]
            default: bytes += [0, 0, UInt8(unit >> 8 & 0xFF), UInt8(unit & 0xFF)]
            }
        }
        let path = try fixtures.gzip("powershell.json.gz", members: [bytes])
        let result = try readInput(path)
        #expect(result.report.framing == framing)
        #expect(result.records.isEmpty)
        let error = try #require(result.report.error)
        #expect(error.contains("is \(iconv) text"))
        #expect(error.contains("iconv -f \(iconv) -t UTF-8"))
        #expect(result.damage.map(\.damage) == [.unreadable])
    }

    @Test(arguments: [1, 3, 65536])
    func runsOfBlankLinesAreCountedLineByLineAndReportedOnce(chunkSize: Int) throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        // Small chunks hold the undecided start byte by byte: fewer lines keep the test quick.
        let lines = chunkSize < 100 ? 300 : 50_000
        let blank = String(repeating: "\n", count: lines)
        let text = blank + "{\"message\":\"a\"}\n" + blank + "{\"message\":\"b\"}\n\n\n \n"
        let path = try fixtures.gzip("blank.json.gz", members: [Array(text.utf8)])
        let result = try readInput(path, chunkSize: chunkSize)
        #expect(result.records.map(\.message) == ["a", "b"])
        #expect(result.records.map(\.position) == ["\(lines + 1)", "\(2 * lines + 2)"])
        #expect(result.report.skipped[.blank] == 2 * lines + 3)
        let places = result.damage.filter { $0.damage == .skipped(.blank) }
        #expect(places.first?.position == .line(1))
        #expect(places.count < 2 * lines / max(chunkSize, 2) + 8)
    }
}
