import Foundation
import Testing
@testable import LogTriageBasics
import LogTriageTestSupport

/// `analyze --partial`, `--shard` and `merge` as a user runs them: the README's shard recipe
/// gives the report a single run gives, and misuse is refused before anything is read.
@Suite("Command line: partials and merge", .enabled(if: BuiltCommand.path != nil))
struct PartialCommandTests {
    @Test func shardsMergedGiveTheSingleRunsReport() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        var lines: [String] = []
        for index in 0..<60 {
            let service = ["pump", "gateway", "sync"][index % 3]
            let level = index % 4 == 0 ? "ERROR" : "INFO"
            lines.append("{\"timestamp\":\(1_762_700_000_000 + index * 61_000),\"service\":\"\(service)\",\"level\":\"\(level)\","
                + "\"billerId\":\"B\(index % 5)\",\"message\":\"call \(index) failed: connection reset by peer\"}")
        }
        try FileManager.default.createDirectory(atPath: fixtures.path("export"), withIntermediateDirectories: true)
        for file in 0..<5 {
            let text = lines.enumerated().filter { $0.offset % 5 == file }.map { $0.element + "\n" }.joined()
            _ = try fixtures.gzip("export/part-\(file).json.gz", members: [Array(text.utf8)])
        }
        let export = fixtures.path("export")
        #expect(try BuiltCommand.run(["analyze", export, "--out", fixtures.path("single"), "--quiet",
                                      "--assignments", fixtures.path("single.csv.gz")]).status == 0)
        var partials: [String] = []
        for shard in 0..<3 {
            let partial = fixtures.path("shard-\(shard).partial")
            let run = try BuiltCommand.run(["analyze", export, "--shard", "\(shard)/3", "--partial", partial, "--quiet",
                                            "--keep-assignments"])
            #expect(run.status == 0, "\(run.err)")
            #expect(run.err.contains("partial in \(partial)"))
            partials.append(partial)
        }
        let merge = try BuiltCommand.run(["merge"] + partials.reversed() + ["--out", fixtures.path("merged"),
                                                                            "--assignments", fixtures.path("merged.csv.gz")])
        #expect(merge.status == 0, "\(merge.err)")
        #expect(merge.err.contains("merged 3 partial(s)"))
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures.path("single")).sorted()
        #expect(names.contains("categories.csv"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixtures.path("merged")).sorted() == names)
        for name in names {
            #expect(try fixtures.bytes(of: fixtures.path("single/" + name)) == fixtures.bytes(of: fixtures.path("merged/" + name)),
                    "\(name)")
        }
        #expect(try fixtures.bytes(of: fixtures.path("single.csv.gz")) == fixtures.bytes(of: fixtures.path("merged.csv.gz")))
        // A damaged partial: refused with its name, status 1, no report.
        var bytes = try fixtures.bytes(of: partials[0])
        bytes[bytes.count / 2] ^= 0x10
        _ = FileManager.default.createFile(atPath: partials[0], contents: Data(bytes))
        let refused = try BuiltCommand.run(["merge"] + partials + ["--out", fixtures.path("refused")])
        #expect(refused.status == 1)
        #expect(refused.err.contains("the partial \(partials[0]) is damaged"))
        #expect(!FileManager.default.fileExists(atPath: fixtures.path("refused/summary.json")))
    }

    /// Billers, hours and the distinct values of `uniqueCount` are kept in dictionaries and sets,
    /// which Swift iterates in an order seeded afresh in every process: each run here is a
    /// process of its own, so their partials differ unless that state is written in order.
    @Test func aPartialIsTheSameBytesInEveryRunAndForAnyJobs() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        var lines: [String] = []
        let messages = ["connection reset by peer", "invalid account number", "timed out after 30000 ms", "HTTP 503 from upstream"]
        for index in 0..<3_000 {
            let source = ["AUTOPAY", "WEB", nil][index % 3].map { ",\"sourceId\":\"\($0)\"" } ?? ""
            let level = index % 3 == 1 ? "ERROR" : "INFO"
            lines.append("{\"timestamp\":\(1_762_700_000_000 + index * 97_000),\"service\":\"pump\",\"level\":\"\(level)\","
                + "\"billerId\":\"B\(index % 70)\"\(source),\"outcome\":\"\(level == "ERROR" ? "failure" : "success")\","
                + "\"message\":\"call \(index) failed: \(messages[index % messages.count])\"}")
        }
        let input = try fixtures.gzip("week.json.gz", members: [Array(lines.map { $0 + "\n" }.joined().utf8)])
        let alerts = try fixtures.plain("alerts.yml", Array("""
            - name: billers failing
              nrql: "SELECT uniqueCount(billerId) FROM Log WHERE level = 'ERROR'"
              window_s: 3600
              critical: {operator: above, threshold: 30, duration_s: 3600}
            """.utf8))
        var partials: [[UInt8]] = []
        for (run, jobs) in [1, 2, 2].enumerated() {
            let partial = fixtures.path("run-\(run).partial")
            let result = try BuiltCommand.run(["analyze", input, "--alerts", alerts, "--jobs", "\(jobs)", "--partial", partial,
                                               "--quiet"])
            #expect(result.status == 0, "\(result.err)")
            partials.append(try fixtures.bytes(of: partial))
        }
        #expect(partials[0].count > 1_000)
        // Compared as one truth value: a failed expectation on two arrays prints every byte.
        let (secondSame, thirdSame) = (partials[1] == partials[0], partials[2] == partials[0])
        #expect(secondSame, "--jobs 2 wrote another partial than --jobs 1")
        #expect(thirdSame, "a second run with --jobs 2 wrote another partial")
    }

    @Test func misuseIsRefusedBeforeReading() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let input = try fixtures.plain("a.json", Array("{\"message\":\"ok\"}\n".utf8))
        let cases: [([String], String)] = [
            (["analyze", input, "--partial", fixtures.path("p"), "--out", fixtures.path("o")], "--partial writes a partial instead of a report"),
            (["analyze", input, "--partial", fixtures.path("p"), "--baseline", fixtures.path("o")], "--baseline is a report option"),
            (["analyze", input, "--partial", fixtures.path("p"), "--assignments", fixtures.path("a.csv")], "--assignments is a report option"),
            (["analyze", input, "--out", fixtures.path("o"), "--keep-assignments"], "--keep-assignments keeps the rows in a partial"),
            (["analyze", input], "give --out DIR"),
            (["analyze", input, "--out", fixtures.path("o"), "--shard", "3/3"], "the index counts from 0"),
            (["analyze", input, "--out", fixtures.path("o"), "--shard", "two"], "--shard takes I/N"),
            (["merge", fixtures.path("none.partial"), "--out", fixtures.path("o")], "cannot read the partial"),
        ]
        for (arguments, message) in cases {
            let run = try BuiltCommand.run(arguments)
            #expect(run.status != 0, "\(arguments)")
            #expect(run.err.contains(message), "\(arguments): \(run.err)")
        }
    }
}
