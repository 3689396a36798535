import Testing
@testable import LogTriageIngest
import LogTriageTestSupport

extension Records {
    /// Keys are compared in place by words; a key that differs from a kept path in any one byte,
    /// or only in length, must not find its slot.
    @Suite struct FieldPathTableTests {
        @Test func wordComparesAgreeWithArrayEquality() {
            var random = SplitMix64(seed: 0xF1E1D)
            var equal = 0
            for _ in 0..<20_000 {
                let count = Int(random.next() % 41)
                let left = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next() % 4) }
                var right = left
                if count > 0, random.next() % 2 == 0 { right[Int(random.next() % UInt64(count))] ^= 1 << (random.next() % 8) }
                let same = left.withUnsafeBufferPointer { a in
                    right.withUnsafeBufferPointer { b in
                        FieldPathTable.same(a.baseAddress ?? UnsafePointer(bitPattern: 1)!, b.baseAddress ?? UnsafePointer(bitPattern: 1)!, count)
                    }
                }
                #expect(same == (left == right), "\(left) \(right)")
                if same { equal += 1 }
            }
            #expect(equal > 5_000 && equal < 15_000)
        }

        @Test func onlyTheKeptPathsFindSlots() {
            let paths = ["a", "id", "msg", "level", "message", "error.class", "error.message", "service.name",
                         "entity.guid", "timestamp", "http.statusCode", "attributes.billerId", "x.y.z.w.v.u.t.s.r"]
            let table = FieldPathTable(paths: paths)
            for (slot, path) in paths.enumerated() {
                #expect(table.slot(of: path) == slot)
                var bytes = Array(path.utf8)
                for position in bytes.indices {
                    let original = bytes[position]
                    bytes[position] = original ^ 0x20
                    #expect(table.slot(of: String(decoding: bytes, as: UTF8.self)) == nil, "\(path) at \(position)")
                    bytes[position] = original
                }
                #expect(table.slot(of: path + "s") == nil)
                if path.count > 1 { #expect(table.slot(of: String(path.dropLast())) == nil) }
            }
        }

        /// The scanner hashes each key where it lies, or a nested key's whole dotted path, as the
        /// table hashed its paths: words of eight bytes, four, or fewer, whatever the length.
        /// Every length from 1 to 24 is read, flat, under `attributes`, and nested one level.
        @Test func theScannerFindsPathsOfEveryLength() {
            let keys = (1...24).map { length in String((0..<length).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) }) }
            let paths = keys + keys.map { "outer.\($0)" }
            let table = FieldPathTable(paths: paths)
            let flat = keys.enumerated().map { "\"\($1)\":\($0)" }.joined(separator: ",")
            let nested = keys.enumerated().map { "\"\($1)\":\(100 + $0)" }.joined(separator: ",")
            for text in ["{\(flat),\"outer\":{\(nested)}}", "{\"attributes\":{\(flat)},\"outer\":{\(nested)}}"] {
                let values = UnsafeMutablePointer<ScannedValue>.allocate(capacity: paths.count)
                values.initialize(repeating: ScannedValue(base: nil, count: 0, kind: .null, needsDecode: false, priority: 0,
                                                          generation: 0), count: paths.count)
                defer { values.deallocate() }
                let bytes = Array(text.utf8)
                let path = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count * 3)
                defer { path.deallocate() }
                let found = withExtendedLifetime(table) { bytes.withUnsafeBufferPointer { buffer -> [String?] in
                    let start = buffer.baseAddress!
                    var scanner = JSONRecordScanner(table: table.storage, values: values, generation: 1, path: path, start: start)
                    guard scanner.scanRecord(start, start + buffer.count) else { return [] }
                    return (0..<paths.count).map { slot in
                        let value = values[slot]
                        guard value.generation == 1, let base = value.base else { return nil }
                        return String(decoding: UnsafeBufferPointer(start: base, count: value.count), as: UTF8.self)
                    }
                } }
                #expect(found == keys.indices.map { "\($0)" } + keys.indices.map { "\(100 + $0)" }, "\(text)")
            }
        }
    }
}
