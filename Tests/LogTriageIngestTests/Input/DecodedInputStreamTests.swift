import Foundation
import Testing
@testable import LogTriageBasics
@testable import LogTriageIngest
import LogTriageTestSupport

@Suite struct DecodedInputStreamTests {
    let fixtures: InputFixtures
    init() throws { fixtures = try InputFixtures() }

    @Test func singleMember() throws {
        defer { fixtures.remove() }
        let content = InputFixtures.logLines(count: 10_000)
        let path = try fixtures.gzip("one.json.gz", members: [content])
        let decoded = try DecodedInput(path: path)
        #expect(decoded.compression == .gzip)
        #expect(decoded.bytes == content)
        #expect(decoded.ending == .complete)
    }

    @Test(arguments: [7, 1000, 1 << 20])
    func multiMemberWithEmptyMember(chunkSize: Int) throws {
        defer { fixtures.remove() }
        let members = [
            InputFixtures.logLines(count: 5_000, seed: 1),
            [],
            InputFixtures.logLines(count: 3_000, seed: 2),
            InputFixtures.logLines(count: 1, seed: 3),
        ]
        let path = try fixtures.gzip("multi.json.gz", members: members)
        let decoded = try DecodedInput(path: path, chunkSize: chunkSize, bufferCount: 2)
        #expect(decoded.bytes == members.flatMap { $0 })
        #expect(decoded.ending == .complete)
    }

    @Test func gzipOfNothing() throws {
        defer { fixtures.remove() }
        let path = try fixtures.gzip("empty.gz", members: [[]])
        let decoded = try DecodedInput(path: path)
        #expect(decoded.compression == .gzip)
        #expect(decoded.chunkCount == 0)
        #expect(decoded.ending == .complete)
    }

    @Test func zeroByteFile() throws {
        defer { fixtures.remove() }
        let path = try fixtures.plain("zero.gz", [])
        let stream = try DecodedInputStream(source: .file(path))
        #expect(stream.compression == .none)
        #expect(stream.totalBytes == 0)
        #expect(!stream.nextChunk { _ in Issue.record("a 0-byte file has no chunks") })
        #expect(stream.ending == .complete)
    }

    @Test func plainFileNamedGz() throws {
        defer { fixtures.remove() }
        let content = InputFixtures.logLines(count: 100_000)
        let path = try fixtures.plain("not-really.json.gz", content)
        let decoded = try DecodedInput(path: path, chunkSize: 4096, bufferCount: 2)
        #expect(decoded.compression == .none)
        #expect(decoded.bytes == content)
        #expect(decoded.chunkCount == (content.count + 4095) / 4096)
        #expect(decoded.ending == .complete)
    }

    @Test func oneBytePlainFile() throws {
        defer { fixtures.remove() }
        let path = try fixtures.plain("one-byte", [0x1f])
        let decoded = try DecodedInput(path: path)
        #expect(decoded.compression == .none)
        #expect(decoded.bytes == [0x1f])
        #expect(decoded.ending == .complete)
    }

    @Test(arguments: [11, 100, 1_000, 5_000, 20_000, -9, -5, -1])
    func truncatedGzipDeliversAPrefix(cut: Int) throws {
        defer { fixtures.remove() }
        let content = InputFixtures.logLines(count: 300_000)
        let full = try fixtures.bytes(of: fixtures.gzip("full.gz", members: [content]))
        let keep = cut > 0 ? cut : full.count + cut   // negative: bytes cut off the end (inside the trailer)
        let path = try fixtures.plain("cut.gz", Array(full.prefix(keep)))
        let decoded = try DecodedInput(path: path, chunkSize: 8192, bufferCount: 3)
        #expect(decoded.compression == .gzip)
        #expect(decoded.bytes.count <= content.count)
        #expect(decoded.bytes[...] == content.prefix(decoded.bytes.count))
        #expect(decoded.ending == .truncated(reason: "gzip stream ends before its end marker"))
        if cut < 0 { #expect(decoded.bytes == content) }   // only the trailer is missing
    }

    @Test func truncatedInSecondMember() throws {
        defer { fixtures.remove() }
        let first = InputFixtures.logLines(count: 20_000, seed: 5)
        let second = InputFixtures.logLines(count: 20_000, seed: 6)
        let firstSize = try fixtures.bytes(of: fixtures.gzip("first.gz", members: [first])).count
        let full = try fixtures.bytes(of: fixtures.gzip("both.gz", members: [first, second]))
        for keep in [firstSize + 1, firstSize + 5, firstSize + 200] {
            let path = try fixtures.plain("cut-\(keep).gz", Array(full.prefix(keep)))
            let decoded = try DecodedInput(path: path)
            #expect(decoded.bytes[...] == (first + second).prefix(decoded.bytes.count))
            #expect(decoded.bytes.count >= first.count)
            #expect(decoded.ending.isTruncated, "cut at \(keep)")
        }
    }

    @Test func corruptByteInTheMiddle() throws {
        defer { fixtures.remove() }
        let content = InputFixtures.logLines(count: 200_000)
        var bytes = try fixtures.bytes(of: fixtures.gzip("good.gz", members: [content]))
        bytes[bytes.count / 2] ^= 0x55
        let path = try fixtures.plain("corrupt.gz", bytes)
        let decoded = try DecodedInput(path: path, chunkSize: 4096, bufferCount: 2)
        #expect(decoded.ending.isTruncated)
        #expect(decoded.ending.reason?.hasPrefix("gzip data is corrupt") == true)
        #expect(decoded.bytes.count < content.count + 4096)
    }

    @Test(arguments: [8, 4, 1])   // bytes from the end: CRC-32, then ISIZE
    func badTrailer(offsetFromEnd: Int) throws {
        defer { fixtures.remove() }
        let content = InputFixtures.logLines(count: 50_000)
        var bytes = try fixtures.bytes(of: fixtures.gzip("good.gz", members: [content, content]))
        bytes[bytes.count - offsetFromEnd] ^= 0x01
        let path = try fixtures.plain("bad-trailer.gz", bytes)
        let decoded = try DecodedInput(path: path)
        #expect(decoded.ending == .truncated(
            reason: "gzip data is corrupt: checksum or length does not match (isal status -6)"))
        #expect(decoded.bytes == content + content)   // all data came before the trailer
    }

    @Test func trailingZerosAreIgnored() throws {
        defer { fixtures.remove() }
        let content = InputFixtures.logLines(count: 30_000)
        let bytes = try fixtures.bytes(of: fixtures.gzip("good.gz", members: [content]))
        for padding in [1, 2, 512, 600_000] {
            let path = try fixtures.plain("padded-\(padding).gz", bytes + [UInt8](repeating: 0, count: padding))
            let decoded = try DecodedInput(path: path)
            #expect(decoded.bytes == content)
            #expect(decoded.ending == .complete, "padding \(padding)")
        }
    }

    @Test(arguments: [[0x41], [0x0a, 0x41], [0x1f], [0, 0, 0, 7], [0x1f, 0x8c, 0, 0]] as [[UInt8]])
    func trailingGarbage(garbage: [UInt8]) throws {
        defer { fixtures.remove() }
        let content = InputFixtures.logLines(count: 30_000)
        let bytes = try fixtures.bytes(of: fixtures.gzip("good.gz", members: [content]))
        let path = try fixtures.plain("garbage.gz", bytes + garbage)
        let decoded = try DecodedInput(path: path)
        #expect(decoded.bytes == content)
        #expect(decoded.ending == .truncated(reason: "trailing data after the last gzip member is not gzip"))
    }

    @Test(arguments: [(1 << 20, 4), (65_536, 3), (1_000_003, 1)])
    func largeFileWrapsTheRing(chunkSize: Int, bufferCount: Int) throws {
        defer { fixtures.remove() }
        let content = InputFixtures.logLines(count: 9_000_000, seed: 7)
        // Three unequal members, as a streaming export writes them.
        let members = [Array(content[..<1_234_567]), Array(content[1_234_567..<7_000_000]), Array(content[7_000_000...])]
        let path = try fixtures.gzip("large.json.gz", members: members)
        for decodesAhead in [true, false] {
            let stream = try DecodedInputStream(source: .file(path), chunkSize: chunkSize, bufferCount: bufferCount,
                                                decodesAhead: decodesAhead)
            var decoded: [UInt8] = []
            decoded.reserveCapacity(content.count)
            while stream.nextChunk({ decoded.append(contentsOf: $0) }) {}
            let same = decoded == content
            #expect(same, "decodes ahead: \(decodesAhead)")
            #expect(stream.ending == .complete)
            #expect(stream.compressedBytesRead == stream.totalBytes)
        }
    }

    @Test func largePlainFile() throws {
        defer { fixtures.remove() }
        let content = InputFixtures.logLines(count: 6_000_000, seed: 8)
        let path = try fixtures.plain("large.json", content)
        let decoded = try DecodedInput(path: path, chunkSize: 1 << 20, bufferCount: 2)
        #expect(decoded.bytes == content)
        #expect(decoded.ending == .complete)
    }

    @Test func missingFileCannotOpen() throws {
        defer { fixtures.remove() }
        let path = fixtures.path("missing.json.gz")
        #expect(throws: InputError.cannotOpen(path: path, reason: "no such file or directory")) {
            _ = try DecodedInputStream(source: .file(path))
        }
    }

    @Test func directoryCannotOpen() throws {
        defer { fixtures.remove() }
        #expect(throws: InputError.cannotOpen(path: fixtures.directory, reason: "is a directory")) {
            _ = try DecodedInputStream(source: .file(fixtures.directory))
        }
    }

    @Test(arguments: [true, false])
    func cancelMidStreamDoesNotHang(decodesAhead: Bool) throws {
        defer { fixtures.remove() }
        let content = InputFixtures.logLines(count: 3_000_000, seed: 9)
        let path = try fixtures.gzip("cancel.gz", members: [content])
        let stream = try DecodedInputStream(source: .file(path), chunkSize: 16_384, bufferCount: 2, decodesAhead: decodesAhead)
        var seen = 0
        #expect(stream.nextChunk { seen += $0.count })
        stream.cancel()
        stream.cancel()
        #expect(!stream.nextChunk { _ in Issue.record("no chunk after cancel") })
        #expect(stream.ending == .truncated(reason: "reading was cancelled"))
        #expect(seen > 0)
    }

    @Test func droppingAnUnreadStreamStopsItsThread() throws {
        defer { fixtures.remove() }
        let path = try fixtures.gzip("drop.gz", members: [InputFixtures.logLines(count: 2_000_000)])
        for _ in 0..<20 {
            let stream = try DecodedInputStream(source: .file(path), chunkSize: 4096, bufferCount: 2)
            #expect(stream.nextChunk { _ in })
        }
    }

    /// A stream that decodes on the reading thread has no thread to close its file when it is
    /// dropped unread: the stream itself must.
    @Test(arguments: [true, false])
    func droppingAnUnreadStreamClosesItsFile(decodesAhead: Bool) throws {
        defer { fixtures.remove() }
        let path = try fixtures.gzip("drop-\(decodesAhead).gz", members: [InputFixtures.logLines(count: 2_000_000)])
        func openCopies() throws -> Int {
            try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count {
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0)) == path
            }
        }
        do {
            let stream = try DecodedInputStream(source: .file(path), chunkSize: 4096, bufferCount: 2, decodesAhead: decodesAhead)
            #expect(stream.nextChunk { _ in })
            #expect(try openCopies() == 1)
        }
        // The decode thread closes the file once it sees the cancel; give it a moment.
        for _ in 0..<200 where try openCopies() > 0 { usleep(10_000) }
        #expect(try openCopies() == 0)
    }

    #if os(Linux)
    /// The decode thread shows as `lt-decode` where an operator looks (`top -H`, `ps -L`).
    @Test func theDecodeThreadIsNamedForTheSystem() throws {
        defer { fixtures.remove() }
        let path = try fixtures.gzip("named.gz", members: [InputFixtures.logLines(count: 200_000)])
        let stream = try DecodedInputStream(source: .file(path), chunkSize: 4096, bufferCount: 2)
        #expect(stream.nextChunk { _ in })
        let names = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").compactMap {
            try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8)
        }
        #expect(names.contains("lt-decode\n"))
        stream.cancel()
    }
    #endif

    @Test(arguments: [true, false])
    func cancelAfterTheEndKeepsTheEnding(decodesAhead: Bool) throws {
        defer { fixtures.remove() }
        let path = try fixtures.gzip("small.gz", members: [Array("hello\n".utf8)])
        let stream = try DecodedInputStream(source: .file(path), decodesAhead: decodesAhead)
        while stream.nextChunk({ _ in }) {}
        stream.cancel()
        #expect(stream.ending == .complete)
    }

    @Test(arguments: [true, false])
    func progressCountsCompressedBytes(decodesAhead: Bool) throws {
        defer { fixtures.remove() }
        let content = InputFixtures.logLines(count: 2_000_000)
        let path = try fixtures.gzip("progress.gz", members: [content])
        let stream = try DecodedInputStream(source: .file(path), chunkSize: 65_536, bufferCount: 2, decodesAhead: decodesAhead)
        let size = try #require(stream.totalBytes)
        var last = 0
        while stream.nextChunk({ _ in
            let now = stream.compressedBytesRead
            #expect(now >= last && now <= size)
            last = now
        }) {}
        #expect(stream.compressedBytesRead == size)
    }

    @Test(arguments: [true, false])
    func readsFromAPipe(decodesAhead: Bool) throws {
        defer { fixtures.remove() }
        let content = InputFixtures.logLines(count: 500_000)
        let path = try fixtures.gzip("pipe.gz", members: [content, content])
        let fifo = fixtures.path("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let gzipBytes = try fixtures.bytes(of: path)
        // A writer that dribbles bytes so reads return short counts, even 1 byte.
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: fifo)!
            handle.write(Data(gzipBytes[..<1]))
            usleep(20_000)
            var offset = 1
            while offset < gzipBytes.count {
                let end = min(offset + 10_007, gzipBytes.count)
                handle.write(Data(gzipBytes[offset..<end]))
                offset = end
            }
            try? handle.close()
        }
        writer.start()
        let stream = try DecodedInputStream(source: .file(fifo), chunkSize: 100_000, decodesAhead: decodesAhead)
        #expect(stream.totalBytes == nil)
        #expect(stream.compression == .gzip)
        var decoded: [UInt8] = []
        while stream.nextChunk({ decoded.append(contentsOf: $0) }) {}
        let same = decoded == content + content   // one truth value: a failure would print every byte
        #expect(same)
        #expect(stream.ending == .complete)
    }
}
