import Foundation
@testable import LogTriageBasics
@testable import LogTriageIngest

/// Builds input files in a fresh temporary directory and reads streams back for comparison.
struct InputFixtures {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "logtriage-input-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    func path(_ name: String) -> String { directory + "/" + name }

    /// Writes one gzip member per element of `members`.
    @discardableResult
    func gzip(_ name: String, members: [[UInt8]]) throws -> String {
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
    func plain(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func bytes(of path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Deterministic JSON-lines-like text, `count` bytes long.
    static func logLines(count: Int, seed: UInt64 = 42) -> [UInt8] {
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

/// The decoded bytes, the ending and the compression of one input.
struct DecodedInput {
    var bytes: [UInt8] = []
    var chunkCount = 0
    var ending: StreamEnding = .complete
    var compression: Compression = .none

    init(_ source: InputSource, chunkSize: Int = 1 << 20, bufferCount: Int = 4) throws {
        let stream = try DecodedInputStream(source: source, chunkSize: chunkSize, bufferCount: bufferCount)
        compression = stream.compression
        while stream.nextChunk({ chunk in
            precondition(!chunk.isEmpty && chunk.count <= chunkSize)
            bytes.append(contentsOf: chunk)
            chunkCount += 1
        }) {}
        ending = stream.ending
    }

    init(path: String, chunkSize: Int = 1 << 20, bufferCount: Int = 4) throws {
        try self.init(.file(path), chunkSize: chunkSize, bufferCount: bufferCount)
    }
}

extension StreamEnding {
    var isTruncated: Bool {
        if case .truncated = self { return true }
        return false
    }

    var reason: String? {
        switch self {
        case .complete: nil
        case let .truncated(reason), let .readError(reason): reason
        }
    }
}
