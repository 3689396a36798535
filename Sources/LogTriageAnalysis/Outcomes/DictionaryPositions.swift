/// Where a dictionary keeps the value of each key, remembered by a number that stands for
/// the key (a run's interned name ids, see ``InternedTexts``): a figure updated on every
/// record then finds its value without hashing its text keys again.
///
/// A dictionary may move every value when a key is added, so a position is used only while the
/// dictionary holds as many keys as when it was noted; otherwise the caller looks the key up
/// and notes it again. That costs at most one lookup per use, whatever the keys: never a sweep
/// of every position per new key. The dictionaries this serves only ever gain keys; a position
/// used after a removal is still caught, since the standard library traps on an index of
/// another state of the dictionary.
///
/// The positions are kept in a ``FingerprintTable``, found by one multiplication: a
/// `Dictionary` of them hashed each id with SipHash, on every record, for each figure.
struct DictionaryPositions<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private var positions = FingerprintTable<(position: Dictionary<Key, Value>.Index, keyCount: Int)>()

    init() {}

    /// The position of the key `id` stands for, when noted since the dictionary last gained a key.
    func position(of id: Int64, in dictionary: [Key: Value]) -> Dictionary<Key, Value>.Index? {
        guard let noted = positions[UInt64(bitPattern: id)], noted.keyCount == dictionary.count else { return nil }
        return noted.position
    }

    /// Notes that `id` stands for `key`, which `dictionary` holds.
    mutating func note(_ id: Int64, key: Key, in dictionary: [Key: Value]) {
        guard let position = dictionary.index(forKey: key) else { return }
        positions[UInt64(bitPattern: id)] = (position, dictionary.count)
    }
}
