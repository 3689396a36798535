import Foundation
import LogTriageBasics

/// Builds input files in a fresh temporary directory and reads streams back for comparison.
package struct InputFixtures {
    package let directory: String

    package init() throws {
        directory = NSTemporaryDirectory() + "logtriage-input-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    package func remove() { try? FileManager.default.removeItem(atPath: directory) }

    package func path(_ name: String) -> String { directory + "/" + name }

    /// Writes one gzip member per element of `members`.
    @discardableResult
    package func gzip(_ name: String, members: [[UInt8]]) throws -> String {
        let path = path(name)
        let writer = try GzipWriter(path: path)
        for member in members {
            try writer.write(member)
            try writer.finishMember()
        }
        try writer.close()
        return path
    }

    @discardableResult
    package func plain(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    package func bytes(of path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Deterministic JSON-lines-like text, `count` bytes long.
    package static func logLines(count: Int, seed: UInt64 = 42) -> [UInt8] {
        var state = seed
        var out: [UInt8] = []
        out.reserveCapacity(count + 200)
        let levels = ["INFO", "WARN", "ERROR", "DEBUG"]
        while out.count < count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let n = state >> 33
            let line = "{\"timestamp\":\(1_700_000_000_000 + Int(n % 100_000)),\"level\":\"\(levels[Int(n % 4)])\","
                + "\"message\":\"request \(n % 9973) took \(n % 1000) ms on host-\(n % 17)\",\"traceId\":\"\(String(n, radix: 16))\"}\n"
            out.append(contentsOf: line.utf8)
        }
        return Array(out.prefix(count))
    }
}
