import Foundation
import Testing
import LogTriageTestSupport

/// A weekly job whose export did not arrive must fail loudly, never report a quiet week.
@Suite("Command line: exit statuses", .enabled(if: BuiltCommand.path != nil))
struct ExitStatusTests {
    @Test(arguments: ["analyze", "patterns"])
    func aMissingPathFailsBeforeAnyReportIsWritten(command: String) throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let out = fixtures.path("report")
        let run = try BuiltCommand.run([command, fixtures.path("no-such-export"), "--out", out])
        #expect(run.status == 3)
        #expect(run.err.contains("input not found: \(fixtures.path("no-such-export"))"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func anEmptyFolderFailsUnlessAnEmptyWeekIsAllowed() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let folder = fixtures.path("week")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let failed = try BuiltCommand.run(["analyze", folder, "--out", fixtures.path("a")])
        #expect(failed.status == 3)
        #expect(failed.err.contains("no input file in \(folder)"))
        #expect(!FileManager.default.fileExists(atPath: fixtures.path("a")))
        let allowed = try BuiltCommand.run(["analyze", folder, "--out", fixtures.path("b"), "--allow-empty"])
        #expect(allowed.status == 0)
        #expect(FileManager.default.fileExists(atPath: fixtures.path("b/summary.json")))
    }

    @Test func filesWithoutASingleRecordFail() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let blank = try fixtures.plain("blank.json", Array("\n\nnot json\n".utf8))
        let run = try BuiltCommand.run(["analyze", blank, "--out", fixtures.path("a"), "--quiet"])
        #expect(run.status == 3)
        #expect(run.err.contains("no record in 1 input file"))
        #expect(!FileManager.default.fileExists(atPath: fixtures.path("a")))
        #expect(!FileManager.default.fileExists(atPath: fixtures.path("a.spool-\(getpid())")))
    }

    @Test func helpDocumentsEveryExitStatus() throws {
        for command in ["analyze", "patterns"] {
            let help = try BuiltCommand.run([command, "--help"]).out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            for status in ["0 the report was written", "1 error", "2 with --strict", "3 no input", "4 not enough disk space", "64 usage error"] {
                #expect(help.contains(status), "\(command): \(status)")
            }
        }
    }
}
