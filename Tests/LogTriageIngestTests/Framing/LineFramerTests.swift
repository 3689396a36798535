import Testing
@testable import LogTriageIngest
import LogTriageTestSupport

/// The framer against the plainest reading of the same bytes: split at every newline. Runs
/// of empty lines of every length, long and short lines, cut into chunks anywhere.
@Suite struct LineFramerTests {
    @Test(arguments: [1, 3, 8, 61, 4_096])
    func linesAndEmptyLinesAreThoseASplitGives(chunkSize: Int) {
        var random = SplitMix64(seed: UInt64(chunkSize))
        var bytes: [UInt8] = []
        for _ in 0..<3_000 {
            if random.chance(40) {
                bytes += [UInt8](repeating: 0x0A, count: random.int(1...40))
            } else {
                bytes += (0..<random.int(1...30)).map { _ in UInt8(ascii: random.chance(10) ? " " : "x") } + [0x0A]
            }
        }
        bytes += Array("last".utf8)

        // Each line's number and text; empty lines by number.
        var expectedLines: [(Int, [UInt8])] = []
        var expectedEmpty: Set<Int> = []
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty { expectedEmpty.insert(index + 1) } else { expectedLines.append((index + 1, Array(line))) }
        }

        var framer = LineFramer(maxLineBytes: 1 << 20)
        defer { framer.release() }
        var lines: [(Int, [UInt8])] = []
        var empty: Set<Int> = []
        bytes.withUnsafeBytes { all in
            var start = 0
            while start < all.count {
                let chunk = UnsafeRawBufferPointer(rebasing: all[start..<min(start + chunkSize, all.count)])
                framer.consume(chunk, line: { pointer, count, number in
                    lines.append((number, Array(UnsafeBufferPointer(start: pointer, count: count))))
                }, emptyLines: { first, count in
                    for number in first..<(first + count) { empty.insert(number) }
                }, oversized: { _ in Issue.record("no line is over the limit") })
                start += chunkSize
            }
        }
        framer.finish { pointer, count, number in lines.append((number, Array(UnsafeBufferPointer(start: pointer, count: count)))) }
        #expect(lines.map(\.0) == expectedLines.map(\.0))
        #expect(lines.map(\.1) == expectedLines.map(\.1))
        #expect(empty == expectedEmpty)
        #expect(empty.count > 10_000, "long runs of empty lines were read")
    }
}
