import Foundation
import LogTriageBasics

/// Distinct values for `uniqueCount()`: exact up to `exactLimit`, then a HyperLogLog
/// estimate in fixed memory.
///
/// New Relic itself switches to HyperLogLog above a few hundred values, so estimates past
/// the limit are what a condition would see too. 2^14 one-byte registers (16 KB) give a
/// standard error near 0.8%. Values are hashed the same in every process (`stableHash`), so
/// the counters of partial runs merge as one run's would.
///
/// The exact part keeps each value's 64-bit hash, not the value: a window's memory then does
/// not grow with the length of what it counts (`uniqueCount(message)` kept every distinct
/// message whole, up to 10,000 of them per window), and the count is exact short of two
/// values sharing a hash (odds near 1 in 10^13 at the limit). The limit is as many hashes as a
/// set holds in 2,048 buckets, 16 KB like the registers, so a window never takes more than
/// that (``storageBytes``), exact or estimated; it was 10,000 values.
struct NRQLUniqueCounter: Sendable, Codable {
    /// The most hashes a set of 2,048 buckets holds (Swift's sets fill to three quarters).
    static let exactLimit = 1_536
    private static let precision = 14
    private static let registerCount = 1 << precision

    private var hashes: Set<UInt64> = []
    private var registers: [UInt8]?

    private enum CodingKeys: String, CodingKey {
        case hashes, registers
    }

    init() {}

    /// The hashes in order, as one string of numbers (a set is written in the order of its
    /// hashing, seeded afresh in every process), so that a partial holds the same bytes in every run.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(CompactIntegers.encode(hashes.sorted().lazy.map { Int64(bitPattern: $0) }), forKey: .hashes)
        try container.encodeIfPresent(registers, forKey: .registers)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .hashes)
        guard let numbers = CompactIntegers.decode(text), numbers.count <= Self.exactLimit else {
            throw DecodingError.dataCorruptedError(forKey: .hashes, in: container,
                                                   debugDescription: "at most \(Self.exactLimit) hashes as compact integers")
        }
        hashes = Set(numbers.lazy.map { UInt64(bitPattern: $0) })
        registers = try container.decodeIfPresent([UInt8].self, forKey: .registers)
        if let registers, registers.count != Self.registerCount || !hashes.isEmpty {
            throw DecodingError.dataCorruptedError(forKey: .registers, in: container,
                                                   debugDescription: "\(Self.registerCount) registers, and no exact hashes beside them")
        }
    }

    mutating func insert(_ value: NRQLValue) {
        let hash = Self.stableHash(value)
        if registers != nil {
            add(hash: hash)
            return
        }
        hashes.insert(hash)
        if hashes.count > Self.exactLimit { moveToRegisters() }
    }

    private mutating func moveToRegisters() {
        registers = [UInt8](repeating: 0, count: Self.registerCount)
        for hash in hashes { add(hash: hash) }
        hashes = []
    }

    /// Bytes the counter holds beyond its own fields, as a function of what it counted alone
    /// (not of the order it came in), and never less after another value or a merge: the
    /// replay's memory budget relies on both (``WindowStorageCost``). A set of n hashes takes
    /// the buckets it grows to (a power of two it fills to three quarters at most); the
    /// registers are charged as the fullest set, a little above their own 16 KB.
    var storageBytes: Int {
        Self.setBytes(registers == nil ? hashes.count : Self.exactLimit)
    }

    private static func setBytes(_ count: Int) -> Int {
        guard count > 0 else { return 0 }
        var buckets = 2
        while buckets * 3 / 4 < count { buckets *= 2 }
        return 64 + buckets * MemoryLayout<UInt64>.stride + buckets / 8
    }

    /// A hash that is the same in every process (Swift's `hashValue` is seeded per process):
    /// an estimate must not change from one run to the next, nor between the partial runs
    /// whose counters a merge combines.
    private static func stableHash(_ value: NRQLValue) -> UInt64 {
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
        return hash
    }

    private mutating func add(hash bits: UInt64) {
        let index = Int(bits >> UInt64(64 - Self.precision))
        let rest = bits << UInt64(Self.precision)
        let rank = UInt8(min(rest.leadingZeroBitCount, 64 - Self.precision) + 1)
        if rank > registers![index] { registers![index] = rank }
    }

    /// The number of distinct values, exact below the limit.
    var count: Double {
        guard let registers else { return Double(hashes.count) }
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
            hashes.formUnion(other.hashes)
            if hashes.count > Self.exactLimit { moveToRegisters() }
            return
        }
        if registers == nil { moveToRegisters() }
        if let theirs = other.registers {
            for index in 0..<Self.registerCount where theirs[index] > registers![index] {
                registers![index] = theirs[index]
            }
        } else {
            for hash in other.hashes { add(hash: hash) }
        }
    }
}
