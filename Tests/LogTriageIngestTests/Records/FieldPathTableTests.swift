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
    }
}
