import Foundation
import Testing

/// Every input the fuzzers were seeded with or once found a crash with is replayed through
/// its harness on each test run (the replay driver, built without the fuzzer).
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let driver: String? = {
        let candidate = BuiltCommand.buildFolder.appendingPathComponent("debug/logtriage-fuzz").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }()

    @Test(.enabled(if: driver != nil), arguments: ["json", "reader", "nrql", "conditions", "config"])
    func savedInputsReplayWithoutACrash(target: String) throws {
        let fuzz = BuiltCommand.root.appendingPathComponent("Fuzz").path
        let folders = ["\(fuzz)/Seeds/\(target)", "\(fuzz)/Regressions/\(target)"]
        let expected = folders.reduce(0) { total, folder in
            total + ((try? FileManager.default.contentsOfDirectory(atPath: folder))?.count ?? 0)
        }
        #expect(expected > 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.driver))
        process.arguments = [target] + folders
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text == "replayed \(expected) input(s) through \(target)\n")
    }
}
