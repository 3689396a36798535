import Testing
@testable import LogTriageBasics

/// The integer lists of a partial's document: what goes in comes out, and a damaged string
/// is told apart rather than read as other numbers.
@Suite struct CompactIntegersTests {
    @Test func numbersOfEverySizeAndSignComeBack() {
        let numbers: [Int64] = [0, 1, -1, 63, -64, 64, 127, 128, 300, -300, 1_762_700_000_000, -1_762_700_000_000,
                                .max, .min, .max - 1, .min + 1]
        #expect(CompactIntegers.decode(CompactIntegers.encode(numbers)) == numbers)
        #expect(CompactIntegers.decode(CompactIntegers.encode([])) == [])
        // Small numbers take a byte each: 4 bytes are 8 base64 characters.
        #expect(CompactIntegers.encode([0, 1, -1, 63]).count == 8)
    }

    @Test func aDamagedStringIsRefused() {
        #expect(CompactIntegers.decode("not base64!") == nil)
        #expect(CompactIntegers.decode("gA==") == nil)             // 0x80: a number cut short
        #expect(CompactIntegers.decode("/////////////w==") == nil)  // eleven continuation bytes
    }
}
