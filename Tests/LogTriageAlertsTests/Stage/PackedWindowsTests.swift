import Foundation
import Testing
import LogTriageBasics
import LogTriageModel
@testable import LogTriageAlerts

/// A facet value's windows in a partial's document: packed into one string of numbers unless
/// an aggregate keeps a sketch or unique values, and read back exactly either way; a damaged
/// string is refused, not read as other windows.
@Suite struct PackedWindowsTests {
    typealias Facet = AlertStage.Snapshot.Facet
    typealias Window = AlertStage.Snapshot.Window

    /// Windows of `select` over durations that include the awkward doubles (negative zero, a
    /// subnormal, the largest finite), with clustered records, a stale count and flow times.
    static func windows(_ select: String) throws -> [Window] {
        let query = try NRQLQuery.parse("SELECT \(select) FROM Log", condition: "packed")
        let durations: [Double] = [12.5, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 330, 0.1, 7]
        var windows: [Window] = []
        for (index, start) in [Int64(1_794_182_400), 1_794_182_700, 1_794_183_000].enumerated() {
            var window = ConditionWindow(query.select, windowSeconds: 300)
            for (offset, duration) in durations.prefix(2 + index * 2).enumerated() {
                let time = start * 1000 + Int64(offset) * 1_000
                let record = NRQLAttributes(["d": .number(duration), "outcome": .string(offset % 2 == 0 ? "FAILED" : "OK"),
                                             "biller": .string("b\(offset)")])
                // A count's inner WHERE is tested once, by the stage, as in a run.
                if let inner = NRQLCompiledQuery.innerPredicate(of: query) {
                    window.add(passingInner: inner.evaluate(record))
                } else {
                    window.add(record, time: time)
                }
                window.noteTime(time, flowFrom: start * 1000 + 2_000)
                if offset % 3 == 0 { window.addClustered(.transient) }
            }
            if index == 2 { window.markStale(.transient) }
            windows.append(Window(start: start, state: window.state))
        }
        windows.append(Window(start: 1_794_183_300, state: ConditionWindow(query.select, windowSeconds: 300).state))
        return windows
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// The facet written and read back, and the keys its JSON used.
    static func roundTrip(_ windows: [Window]) throws -> (windows: [Window], keys: Set<String>) {
        let data = try encoder().encode(Facet(facet: "rtd-gateway", records: 42, windows: windows))
        let keys = Set(((try JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]).keys)
        let back = try decoder().decode(Facet.self, from: data)
        #expect(back.facet == "rtd-gateway" && back.records == 42)
        return (back.windows, keys)
    }

    /// Windows compared by their keyed JSON, in which every double is written to the last bit
    /// (and negative zero as such).
    static func keyed(_ windows: [Window]) throws -> String {
        String(decoding: try encoder().encode(windows), as: UTF8.self)
    }

    @Test(arguments: ["count(*)", "average(d)", "sum(d)", "max(d)", "min(d)", "latest(d)", "stddev(d)",
                      "percentage(count(*), WHERE outcome = 'FAILED')", "filter(average(d), WHERE outcome = 'OK')",
                      "count(*) / filter(count(*), WHERE outcome = 'FAILED')"])
    func plainWindowsArePackedAndComeBackExactly(select: String) throws {
        let windows = try Self.windows(select)
        let (back, keys) = try Self.roundTrip(windows)
        #expect(keys == ["facet", "records", "packedWindows"])
        #expect(try Self.keyed(back) == Self.keyed(windows))
    }

    @Test(arguments: ["percentile(d, 95)", "median(d)", "uniqueCount(biller)"])
    func windowsWithASketchOrUniqueValuesStayKeyed(select: String) throws {
        let windows = try Self.windows(select)
        let (back, keys) = try Self.roundTrip(windows)
        #expect(keys == ["facet", "records", "windows"])
        #expect(try Self.keyed(back) == Self.keyed(windows))
    }

    @Test func noWindowsArePackedToo() throws {
        let (back, keys) = try Self.roundTrip([])
        #expect(keys == ["facet", "records", "packedWindows"] && back.isEmpty)
    }

    @Test func aDamagedStringIsRefused() throws {
        let packed = try #require(PackedWindows.pack(try Self.windows("percentage(count(*), WHERE outcome = 'FAILED')")))
        let numbers = try #require(CompactIntegers.decode(packed))
        func refused(_ numbers: [Int64]) -> Bool { PackedWindows.unpack(CompactIntegers.encode(numbers)) == nil }
        #expect(!refused(numbers))
        #expect(PackedWindows.unpack("not base64!") == nil)
        #expect(refused(Array(numbers.dropLast())), "cut short")
        #expect(refused(numbers + [0]), "a number after the last window")
        var more = numbers
        more[0] += 1
        #expect(refused(more), "one window more than it holds")
        var negative = numbers
        negative[0] = -1
        #expect(refused(negative), "a negative count")
        // A window's accumulator nested deeper than any aggregate nests.
        func nested(_ depth: Int) -> [Int64] {
            var numbers: [Int64] = [1, 0, 0, 0, 0, 0, .max, 1]
            for level in 0..<depth { numbers += [1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, level < depth - 1 ? 1 : 0] }
            return numbers
        }
        #expect(!refused(nested(3)), "nested 3 deep")
        #expect(refused(nested(40)), "nested 40 deep")
    }

    /// Numbers changed at random (a fixed seed) are read as windows or refused, never trap.
    @Test func randomDamageNeverTraps() throws {
        let packed = try #require(PackedWindows.pack(try Self.windows("filter(average(d), WHERE outcome = 'OK')")))
        let numbers = try #require(CompactIntegers.decode(packed))
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func random(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
        let awkward: [Int64] = [0, 1, -1, 2, 9, 16, 17, .max, .min, Int64(Int32.max) + 1, 1 << 40]
        var refusals = 0
        for _ in 0..<2_000 {
            var damaged = numbers
            for _ in 0..<(1 + random(3)) {
                let place = random(damaged.count)
                switch random(3) {
                case 0: damaged[place] = awkward[random(awkward.count)]
                case 1: damaged.remove(at: place)
                default: damaged.insert(awkward[random(awkward.count)], at: place)
                }
            }
            if PackedWindows.unpack(CompactIntegers.encode(damaged)) == nil { refusals += 1 }
        }
        #expect(refusals > 1_000)
    }
}
