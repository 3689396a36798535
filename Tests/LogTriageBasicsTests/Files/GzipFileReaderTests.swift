import Foundation
import Testing
@testable import LogTriageBasics

/// The strict reader of LogTriage's own gzip files (partials), on real gzip files zlib wrote:
/// what was written comes back whatever the read sizes, and any damage (a flipped byte, a
/// cut, bytes or a second member after the end) is refused rather than read as other bytes.
@Suite struct GzipFileReaderTests {
    /// About 0.8 MB: a compressible half (text that repeats with variations) and an
    /// incompressible half, so that both the reader's input and output buffers refill often.
    static let content: [UInt8] = {
        var bytes: [UInt8] = []
        for line in 0..<6_000 {
            bytes += Array("{\"line\":\(line),\"service\":\"svc-\(line % 17)\",\"message\":\"timeout after \(line % 900) ms\"}\n".utf8)
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<350_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes.append(UInt8(truncatingIfNeeded: state >> 56))
        }
        return bytes
    }()

    private static func gzipFile(_ name: String, members: [[UInt8]] = [content], level: Int32 = 1) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gzip-reader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        let writer = try GzipWriter(path: path, level: level)
        for (index, member) in members.enumerated() {
            try writer.write(member)
            if index < members.count - 1 { try writer.finishMember() }
        }
        try writer.close()
        return path
    }

    private static func write(_ bytes: [UInt8], beside path: String, name: String) throws -> String {
        let target = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    private static func remove(_ path: String) {
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent())
    }

    /// Reads the whole file in reads of `size` bytes, then checks its end.
    private static func readWhole(_ path: String, size: Int) throws -> [UInt8] {
        let reader = try GzipFileReader(path: path)
        var bytes: [UInt8] = []
        while true {
            let chunk = try reader.read(upTo: size)
            bytes += chunk
            if chunk.count < size { break }
        }
        try reader.expectEnd()
        return bytes
    }

    @Test(arguments: [1_000, 4_096, 65_537, 1 << 20, 1 << 24])
    func whatWasWrittenComesBack(readSize: Int) throws {
        let path = try Self.gzipFile("a.gz")
        defer { Self.remove(path) }
        #expect(try Self.readWhole(path, size: readSize) == Self.content)
    }

    @Test func readsOfExactCountsAndSkipsKeepTheirPlace() throws {
        let path = try Self.gzipFile("a.gz", level: 6)
        defer { Self.remove(path) }
        let reader = try GzipFileReader(path: path)
        #expect(try reader.read(count: 10) == Array(Self.content[0..<10]))
        try reader.skip(count: 400_000)
        #expect(try reader.read(count: 3) == Array(Self.content[400_010..<400_013]))
        let rest = Self.content.count - 400_013
        #expect(try reader.read(upTo: rest + 100) == Array(Self.content[400_013...]))
        try reader.expectEnd()
        // Asking for more than is left fails as a truncation.
        let short = try GzipFileReader(path: path)
        #expect(throws: GzipReadError.damaged(path: path, reason: "the file ends too early (truncated?)")) {
            _ = try short.read(count: Self.content.count + 1)
        }
        // Ending early is refused: bytes are left.
        let early = try GzipFileReader(path: path)
        _ = try early.read(count: 100)
        #expect(throws: GzipReadError.self) { try early.expectEnd() }
        // Skipping to the end checks it.
        try GzipFileReader(path: path).skipToEnd()
    }

    @Test func anEmptyMemberHoldsNoBytes() throws {
        let path = try Self.gzipFile("empty.gz", members: [[]])
        defer { Self.remove(path) }
        #expect(try Self.readWhole(path, size: 100).isEmpty)
    }

    @Test func damageIsRefused() throws {
        let path = try Self.gzipFile("a.gz")
        defer { Self.remove(path) }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        /// Refused as damaged; with `orSame`, or else read as the very bytes written (a flip
        /// can move a match's distance within a run of equal bytes and change nothing).
        func refused(_ damaged: [UInt8], orSame: Bool = false) throws -> Bool {
            let damagedPath = try Self.write(damaged, beside: path, name: "damaged.gz")
            do {
                let read = try Self.readWhole(damagedPath, size: 1 << 16)
                return orSame && read == Self.content
            } catch let error as GzipReadError {
                guard case let .damaged(errorPath, _) = error else { return false }
                return errorPath == damagedPath
            }
        }
        // Past the header (whose time stamp and flags the checksum does not cover); the last
        // byte of compressed data is left alone, since its high bits may be padding.
        for offset in stride(from: 10, to: bytes.count - 9, by: bytes.count / 48) {
            var flipped = bytes
            flipped[offset] ^= 0x40
            #expect(try refused(flipped, orSame: true), "byte \(offset) flipped")
        }
        // Each byte of the trailer: the CRC-32, then the length.
        for offset in (bytes.count - 8)..<bytes.count {
            var flipped = bytes
            flipped[offset] ^= 0x01
            #expect(try refused(flipped), "trailer byte \(offset - bytes.count + 8) flipped")
        }
        for length in [0, 1, 2, 9, 10, 11, bytes.count / 3, bytes.count / 2, bytes.count - 8, bytes.count - 1] {
            #expect(try refused(Array(bytes.prefix(length))), "cut at \(length)")
        }
        #expect(try refused(bytes + [0]), "a zero byte after the end")
        #expect(try refused(bytes + bytes), "a second copy after the end")
        #expect(try refused(Array("{\"not\":\"gzip\"}\n".utf8)), "not gzip")
    }

    @Test func aSecondMemberIsRefused() throws {
        let path = try Self.gzipFile("two.gz", members: [Array(Self.content.prefix(1_000)), Array("more".utf8)])
        defer { Self.remove(path) }
        let reader = try GzipFileReader(path: path)
        #expect(try reader.read(upTo: 5_000) == Array(Self.content.prefix(1_000)))
        #expect(throws: GzipReadError.damaged(path: path, reason: "unexpected bytes after the gzip stream")) {
            try reader.expectEnd()
        }
    }

    /// ISA-L's writer, which partials use: its files read back, zlib's `gzip` reads them the
    /// same, and their bytes do not depend on how the content was split into writes.
    @Test func isalFilesReadBackAndDoNotDependOnTheWrites() throws {
        var files: [[UInt8]] = []
        var paths: [String] = []
        defer { paths.forEach(Self.remove) }
        for split in [1 << 20, 65_536, 1_000, 7] {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gzip-reader-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("isal.gz").path
            paths.append(path)
            let writer = try GzipWriter(path: path, compressor: .isalFastest)
            for start in stride(from: 0, to: Self.content.count, by: split) {
                try writer.write(Array(Self.content[start..<min(start + split, Self.content.count)]))
            }
            try writer.close()
            #expect(try Self.readWhole(path, size: 1 << 16) == Self.content, "written in pieces of \(split)")
            files.append(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))))
        }
        #expect(Set(files).count == 1)
        let gzip = URL(fileURLWithPath: "/bin/gzip")
        if FileManager.default.isExecutableFile(atPath: gzip.path) {
            let process = Process()
            process.executableURL = gzip
            process.arguments = ["-dc", paths[0]]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let decoded = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect([UInt8](decoded) == Self.content)
        }
        // An empty member too.
        let empty = paths[0] + ".empty"
        try GzipWriter(path: empty, compressor: .isalFastest).close()
        #expect(try Self.readWhole(empty, size: 100).isEmpty)
    }

    @Test func aMissingFileIsUnreadable() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString).gz").path
        #expect(throws: GzipReadError.unreadable(path: path)) { _ = try GzipFileReader(path: path) }
    }
}
