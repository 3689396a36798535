import Foundation
import Testing
@testable import LogTriageBasics

@Suite("Dictionaries encoded in the order of their keys")
struct KeyOrderedPairsTests {
    private static func encoded<Key, Value>(_ pairs: KeyOrderedPairs<Key, Value>) throws -> [Any] {
        try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(pairs)) as? [Any])
    }

    @Test func keysComeInOrderAndDictionarysOwnDecoderReadsThemBack() throws {
        var generator = SystemRandomNumberGenerator()
        var dictionary: [Int64: String] = [:]
        while dictionary.count < 2_000 {
            let key = Int64.random(in: -1_000_000...1_000_000, using: &generator)
            dictionary[key] = "value \(key)"
        }
        let array = try Self.encoded(KeyOrderedPairs(dictionary))
        #expect(array.count == 4_000)
        let keys = stride(from: 0, to: array.count, by: 2).compactMap { (array[$0] as? NSNumber)?.int64Value }
        #expect(keys == dictionary.keys.sorted())
        let values = stride(from: 1, to: array.count, by: 2).compactMap { array[$0] as? String }
        #expect(values == keys.map { "value \($0)" })
        let decoded = try JSONDecoder().decode([Int64: String].self, from: JSONEncoder().encode(KeyOrderedPairs(dictionary)))
        #expect(decoded == dictionary)
    }

    @Test func theGivenOrderDecidesAndNestedDictionariesAreOrderedToo() throws {
        let dictionary: [Int64: [Int16: Int]] = [3: [20: 2, 10: 1], 1: [260: 26], 2: [:]]
        let pairs = KeyOrderedPairs(dictionary.mapValues { KeyOrderedPairs($0, by: >) }, by: >)
        let bytes = try JSONEncoder().encode(pairs)
        #expect(String(decoding: bytes, as: UTF8.self) == "[3,[20,2,10,1],2,[],1,[260,26]]")
        #expect(try JSONDecoder().decode([Int64: [Int16: Int]].self, from: bytes) == dictionary)
    }
}
