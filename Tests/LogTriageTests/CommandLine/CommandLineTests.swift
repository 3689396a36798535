import Foundation
import Testing
@testable import LogTriageBasics
import LogTriageTestSupport

/// The built `logtriage` executable, run as a user would (skipped when it is not built).
struct BuiltCommand {
    static let path: String? = {
        for configuration in ["debug", "release"] {
            let candidate = buildFolder.appendingPathComponent("\(configuration)/logtriage").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// The package root, where the README's commands run.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The build folder whose executables the tests run: `.build`, or the one
    /// `LOGTRIAGE_BUILD_FOLDER` names, so `make sanitize` runs the sanitized builds' own.
    static let buildFolder = root.appendingPathComponent(ProcessInfo.processInfo.environment["LOGTRIAGE_BUILD_FOLDER"] ?? ".build")

    /// Runs the command (in `directory` when given); returns its exit status, stdout and stderr.
    static func run(_ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(path))
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}

@Suite("Command line", .enabled(if: BuiltCommand.path != nil))
struct CommandLineTests {
    @Test func versionAndHelp() throws {
        #expect(try BuiltCommand.run(["--version"]).out == LogTriageVersion.description + "\n")
        #expect(LogTriageVersion.description.hasPrefix(LogTriageVersion.current + " ("))
        let help = try BuiltCommand.run(["analyze", "--help"]).out
        for word in ["--out", "--config", "--strict", "--assignments", "summary.json", "categories.csv"] {
            #expect(help.contains(word), "\(word)")
        }
    }

    @Test func strictFailsOnDamageAfterWritingTheReport() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let damaged = try fixtures.plain("damaged.json", Array("{\"message\":\"ok\"}\nnot json\n{\"message\":\"cut\n".utf8))
        let clean = try fixtures.plain("clean.json", Array("{\"message\":\"ok\"}\n".utf8))
        let strict = try BuiltCommand.run(["analyze", damaged, "--out", fixtures.path("a"), "--strict"])
        #expect(strict.status == 2)
        #expect(strict.err.contains("\(damaged):2: not json"))
        #expect(strict.err.contains("\(damaged):3: invalid json"))
        #expect(FileManager.default.fileExists(atPath: fixtures.path("a/summary.json")))
        #expect(try BuiltCommand.run(["analyze", damaged, "--out", fixtures.path("b"), "--quiet"]).status == 0)
        #expect(try BuiltCommand.run(["analyze", clean, "--out", fixtures.path("c"), "--strict"]).status == 0)
    }

    @Test func aBadConfigurationStopsWithItsReason() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let config = try fixtures.plain("triage.yml", Array("fields:\n  billerID: [biller]\n".utf8))
        let input = try fixtures.plain("in.json", Array("{\"message\":\"ok\"}\n".utf8))
        let result = try BuiltCommand.run(["analyze", input, "--out", fixtures.path("out"), "--config", config])
        #expect(result.status == 1)
        #expect(result.err.contains("'billerID', which is not a canonical field"))
        #expect(!FileManager.default.fileExists(atPath: fixtures.path("out/summary.json")))
    }

    @Test func jobsAreValidatedAndChangeNothingInTheReport() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let lines = (0..<3_000).map { index in
            "{\"timestamp\":\(1_700_000_000_000 + index * 1000),\"level\":\"\(index % 2 == 0 ? "ERROR" : "INFO")\",\"service\":\"s\(index % 3)\",\"message\":\"call \(index % 5) failed\"}\n"
        }
        let input = try fixtures.gzip("week.json.gz", members: [Array(lines.joined().utf8)])
        let refused = try BuiltCommand.run(["analyze", input, "--out", fixtures.path("zero"), "--jobs", "0"])
        #expect(refused.status == 64)
        #expect(refused.err.contains("--jobs must be positive"))
        #expect(!FileManager.default.fileExists(atPath: fixtures.path("zero")))
        for jobs in ["1", "3"] {
            #expect(try BuiltCommand.run(["analyze", input, "--out", fixtures.path("j" + jobs), "--jobs", jobs, "--quiet"]).status == 0)
        }
        for name in ["summary.json", "categories.csv", "services.csv", "report.md"] {
            #expect(try fixtures.bytes(of: fixtures.path("j1/" + name)) == fixtures.bytes(of: fixtures.path("j3/" + name)), "\(name)")
        }
    }
}
