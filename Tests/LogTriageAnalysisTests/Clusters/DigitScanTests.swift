@testable import LogTriageAnalysis
import Testing
import LogTriageTestSupport

extension Clusters {
    /// The word-at-a-time digit search finds the same byte as a plain loop, for every byte value
    /// around every alignment.
    @Suite struct DigitScanTests {
        static func naive(_ bytes: [UInt8], from start: Int) -> Int? {
            bytes.indices.first { $0 >= start && bytes[$0] >= UInt8(ascii: "0") && bytes[$0] <= UInt8(ascii: "9") }
        }

        @Test func everyByteValueAtEveryOffset() {
            for value in 0...255 {
                for offset in 0..<20 {
                    var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 24)
                    bytes[offset] = UInt8(value)
                    for start in [0, 1, 7, 8, 9] {
                        let found = bytes.withUnsafeBufferPointer { DigitScan.firstDigit(in: $0, from: start) }
                        #expect(found == Self.naive(bytes, from: start), "byte \(value) at \(offset) from \(start)")
                    }
                }
            }
        }

        @Test func mixedTextAgreesWithAPlainLoop() {
            var state: UInt64 = 7
            for _ in 0..<200 {
                let bytes = (0..<(Int(state % 40) + 1)).map { _ -> UInt8 in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return state >> 60 == 0 ? UInt8(ascii: "0") + UInt8(state >> 32 % 10) : UInt8(truncatingIfNeeded: state >> 40)
                }
                for start in 0...bytes.count {
                    let found = bytes.withUnsafeBufferPointer { DigitScan.firstDigit(in: $0, from: start) }
                    #expect(found == Self.naive(bytes, from: start))
                }
            }
        }
    }
}
