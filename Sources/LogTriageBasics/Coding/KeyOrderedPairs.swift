/// A dictionary encoded the way Swift's `Codable` encodes one whose keys are neither `String`
/// nor `Int` (keys and values in turn, in one array), but in the order of its keys.
///
/// Swift writes such a dictionary in its iteration order, which follows hashing, and hashing is
/// seeded afresh in every process: two runs over the same input would write the same state as
/// different bytes. `Dictionary`'s own decoder reads this layout back, so nothing that reads it
/// changes.
package struct KeyOrderedPairs<Key: Hashable & Encodable, Value: Encodable>: Encodable {
    private let pairs: [(key: Key, value: Value)]

    /// `areInIncreasingOrder` must order every two distinct keys, or their order is the hash's again.
    package init(_ dictionary: [Key: Value], by areInIncreasingOrder: (Key, Key) -> Bool) {
        pairs = dictionary.map { (key: $0.key, value: $0.value) }.sorted { areInIncreasingOrder($0.key, $1.key) }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for (key, value) in pairs {
            try container.encode(key)
            try container.encode(value)
        }
    }
}

extension KeyOrderedPairs where Key: Comparable {
    package init(_ dictionary: [Key: Value]) {
        self.init(dictionary, by: <)
    }
}
