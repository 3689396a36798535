import Foundation

/// Lists of integers as one base64 string of zigzag LEB128 numbers, for the long lists a
/// partial's JSON document holds (histogram buckets, per-minute endpoint slots): a JSON array
/// costs the decoder a value per number, a string one scan, and small numbers take a byte.
package enum CompactIntegers {
    package static func encode(_ numbers: some Sequence<Int64>) -> String {
        var bytes: [UInt8] = []
        for number in numbers {
            var value = UInt64(bitPattern: (number << 1) ^ (number >> 63))
            while value >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
                value >>= 7
            }
            bytes.append(UInt8(value))
        }
        return Data(bytes).base64EncodedString()
    }

    /// The numbers of `text`, nil when it is not base64 or ends inside a number.
    package static func decode(_ text: String) -> [Int64]? {
        guard let data = Data(base64Encoded: text) else { return nil }
        var numbers: [Int64] = []
        numbers.reserveCapacity(data.count)
        var value: UInt64 = 0, shift: UInt64 = 0
        let complete = data.withUnsafeBytes { bytes in
            for byte in bytes {
                guard shift < 64 else { return false }
                value |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 {
                    numbers.append(Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1))
                    value = 0
                    shift = 0
                } else {
                    shift += 7
                }
            }
            return shift == 0
        }
        return complete ? numbers : nil
    }
}
