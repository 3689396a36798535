import Foundation

/// Distinct values for `uniqueCount()`: exact up to `exactLimit`, then a HyperLogLog
/// estimate in fixed memory.
///
/// New Relic itself switches to HyperLogLog above a few hundred values, so estimates past
/// the limit are what a condition would see too. 2^14 one-byte registers (16 KB) give a
/// standard error near 0.8%. Values are hashed the same in every process (`stableHash`), so
/// the counters of partial runs merge as one run's would.
struct NRQLUniqueCounter: Sendable, Codable {
    static let exactLimit = 10_000
    private static let precision = 14
    private static let registerCount = 1 << precision

    private var values: Set<NRQLValue> = []
    private var registers: [UInt8]?

    private enum CodingKeys: String, CodingKey {
        case values, registers
    }

    init() {}

    /// The exact values in order (a set is written in the order of its hashing, seeded afresh in
    /// every process), so that a partial holds the same bytes in every run. `Set`'s decoder
    /// reads the array back.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(values.sorted(by: Self.precedes), forKey: .values)
        try container.encodeIfPresent(registers, forKey: .registers)
    }

    /// A total order on values: strings, then numbers (by their bits), then booleans.
    static func precedes(_ lhs: NRQLValue, _ rhs: NRQLValue) -> Bool {
        switch (lhs, rhs) {
        case let (.string(left), .string(right)): Array(left.utf8).lexicographicallyPrecedes(right.utf8)
        case let (.number(left), .number(right)): left.bitPattern < right.bitPattern
        case let (.bool(left), .bool(right)): !left && right
        case (.string, _): true
        case (.number, .bool): true
        default: false
        }
    }

    mutating func insert(_ value: NRQLValue) {
        if registers != nil {
            add(hash: Self.stableHash(value))
            return
        }
        values.insert(value)
        if values.count > Self.exactLimit { moveToRegisters() }
    }

    private mutating func moveToRegisters() {
        registers = [UInt8](repeating: 0, count: Self.registerCount)
        for value in values { add(hash: Self.stableHash(value)) }
        values = []
    }

    /// A hash that is the same in every process (Swift's `hashValue` is seeded per process):
    /// an estimate must not change from one run to the next, nor between the partial runs
    /// whose counters a merge combines.
    private static func stableHash(_ value: NRQLValue) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        switch value {
        case let .string(text): mix(1); for byte in text.utf8 { mix(byte) }
        case let .number(number): mix(2); withUnsafeBytes(of: number.bitPattern.littleEndian) { $0.forEach(mix) }
        case let .bool(flag): mix(3); mix(flag ? 1 : 0)
        }
        // FNV's low bits mix poorly into the top bits the registers are chosen by.
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return Int(Int64(bitPattern: hash))
    }

    private mutating func add(hash: Int) {
        let bits = UInt64(bitPattern: Int64(hash))
        let index = Int(bits >> UInt64(64 - Self.precision))
        let rest = bits << UInt64(Self.precision)
        let rank = UInt8(min(rest.leadingZeroBitCount, 64 - Self.precision) + 1)
        if rank > registers![index] { registers![index] = rank }
    }

    /// The number of distinct values, exact below the limit.
    var count: Double {
        guard let registers else { return Double(values.count) }
        let m = Double(Self.registerCount)
        var sum = 0.0
        var empty = 0
        for register in registers {
            sum += 1 / Double(UInt64(1) << UInt64(register))
            if register == 0 { empty += 1 }
        }
        let alpha = 0.7213 / (1 + 1.079 / m)
        let estimate = alpha * m * m / sum
        if estimate <= 2.5 * m, empty > 0 { return (m * log(m / Double(empty))).rounded() }
        return estimate.rounded()
    }

    mutating func merge(_ other: NRQLUniqueCounter) {
        if registers == nil, other.registers == nil {
            values.formUnion(other.values)
            if values.count > Self.exactLimit { moveToRegisters() }
            return
        }
        if registers == nil { moveToRegisters() }
        if let theirs = other.registers {
            for index in 0..<Self.registerCount where theirs[index] > registers![index] {
                registers![index] = theirs[index]
            }
        } else {
            for value in other.values { add(hash: Self.stableHash(value)) }
        }
    }
}
