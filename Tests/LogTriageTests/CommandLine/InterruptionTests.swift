import Foundation
import Testing
import LogTriageTestSupport

/// A run stopped by SIGTERM or SIGINT leaves no temporary file behind and the previous
/// report folder as it was.
@Suite("Command line: interruption", .enabled(if: BuiltCommand.path != nil))
struct InterruptionTests {
    @Test(arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130))])
    func anInterruptedRunRemovesItsTemporariesAndKeepsThePreviousReport(signalNumber: Int32, status: Int32) throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let temporary = fixtures.path("tmp")
        let out = fixtures.path("report")
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let previous = Data("{\"previous\": true}\n".utf8)
        try previous.write(to: URL(fileURLWithPath: out + "/summary.json"))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(BuiltCommand.path))
        // With conditions to replay, so the alert stage's spool is open too.
        let alerts = try fixtures.plain("alerts.yml", Array("""
            - name: pump errors
              nrql: "SELECT count(*) FROM Log WHERE service = 'pump' AND level = 'ERROR'"
              window_s: 300
              critical: {operator: above, threshold: 5, duration_s: 300}

            """.utf8))
        process.arguments = ["analyze", "-", "--out", out, "--assignments", out + "/assignments.csv", "--alerts", alerts,
                             "--quiet"]
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = temporary
        process.environment = environment
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Records arrive, then the export stalls: the run is mid-way, with its spools open.
        var lines = ""
        for index in 0..<500 {
            lines += "{\"timestamp\":\(1_762_300_000_000 + index * 1000),\"level\":\"ERROR\",\"service\":\"pump\",\"accountId\":\"a\(index % 7)\",\"invoiceDate\":\"2026-10-0\(index % 9 + 1)\",\"message\":\"invoice \(index) not found\"}\n"
        }
        input.fileHandleForWriting.write(Data(lines.utf8))
        var spoolSeen = false
        for _ in 0..<200 where !spoolSeen {
            let spools = try FileManager.default.contentsOfDirectory(atPath: temporary)
            spoolSeen = spools.contains { $0.hasPrefix("logtriage-stale-outcomes-") } && spools.contains { $0.hasPrefix("logtriage-stale-alerts-") }
                && FileManager.default.fileExists(atPath: out + "/assignments.csv.spool-\(process.processIdentifier)")
            if !spoolSeen { usleep(20_000) }
        }
        #expect(spoolSeen, "the run never opened its spools")
        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == status, "\(stderr)")
        #expect(stderr.contains("interrupted by \(signalNumber == SIGINT ? "SIGINT" : "SIGTERM")"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["summary.json"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")) == previous)
        try? input.fileHandleForWriting.close()
    }
}
