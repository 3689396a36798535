import Testing
@testable import LogTriageAnalysis
import LogTriageTestSupport

extension Outcomes {
    /// The fingerprint table holds what a `Dictionary` given the same writes holds, after each
    /// write: also when most keys share a home slot and removals must shift whole runs back.
    @Suite struct FingerprintTableTests {
        /// Applies `writes` random stores and removals of keys drawn from `keys` to both maps,
        /// comparing every key's value after each write and the whole contents at the end.
        static func compare(keys: [UInt64], writes: Int, seed: UInt64) {
            var random = SplitMix64(seed: seed)
            var table = FingerprintTable<Int>()
            var reference: [UInt64: Int] = [:]
            for step in 0..<writes {
                let key = keys[Int(random.next() % UInt64(keys.count))]
                let value: Int? = random.next() % 3 == 0 ? nil : step
                table[key] = value
                reference[key] = value
                #expect(table.count == reference.count)
                for probe in keys where table[probe] != reference[probe] {
                    Issue.record("after write \(step), key \(probe): \(String(describing: table[probe])) against \(String(describing: reference[probe]))")
                    return
                }
            }
            #expect(table.contents.sorted { $0.key < $1.key }.map { [$0.key, UInt64($0.value)] }
                == reference.sorted { $0.key < $1.key }.map { [$0.key, UInt64($0.value)] })
        }

        @Test("random keys: stores, overwrites and removals, through several growths")
        func randomKeys() {
            var random = SplitMix64(seed: 1)
            Self.compare(keys: (0..<300).map { _ in random.next() }, writes: 3_000, seed: 2)
        }

        /// Keys whose products with the table's multiplier differ only in their low bits share
        /// one home slot at every size, so every look-up walks a run and every removal shifts
        /// one: they are the multiplier's inverse times neighbouring numbers. Mixed with keys
        /// whose homes spread, so runs of both kinds meet.
        @Test("keys that share a home slot")
        func collidingKeys() {
            let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
            var inverse = multiplier   // Newton's iteration: each step doubles the correct low bits.
            for _ in 0..<6 { inverse = inverse &* (2 &- multiplier &* inverse) }
            #expect(inverse &* multiplier == 1)
            var random = SplitMix64(seed: 4)
            let keys = (0..<200).map { inverse &* (0x1234_5678_0000_0000 &+ UInt64($0)) } + (0..<60).map { _ in random.next() }
            Self.compare(keys: keys, writes: 2_000, seed: 3)
        }

        @Test("removing an absent key changes nothing; an emptied table takes keys again")
        func emptyAndAbsent() {
            var table = FingerprintTable<String>()
            table[7] = nil
            #expect(table.count == 0)
            table[7] = "seven"
            table[0] = "zero"
            table[7] = nil
            table[0] = nil
            #expect(table.count == 0 && table.contents.isEmpty)
            table[0] = "again"
            #expect(table[0] == "again" && table[7] == nil && table.count == 1)
        }
    }
}
