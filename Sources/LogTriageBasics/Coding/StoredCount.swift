/// Counts read back from files this tool wrote (partials, a baseline): an edited or damaged file
/// must not carry a count that no read could have made, negative or so large that adding
/// counts up overflows and stops the run.
public enum StoredCount {
    /// A trillion: more records than any week's export holds, and still far from overflow when
    /// the counts of thousands of files are added up.
    public static let maximum = 1_000_000_000_000
}

extension KeyedDecodingContainer {
    /// The count under `key`, from 0 to `limit`; anything else is a corrupted file.
    public func decodeCount(forKey key: Key, atMost limit: Int = StoredCount.maximum) throws -> Int {
        let count = try decode(Int.self, forKey: key)
        guard count >= 0 && count <= limit else { // not a range: `limit` may be below 0 in a damaged file
            throw DecodingError.dataCorruptedError(forKey: key, in: self,
                                                   debugDescription: "\(count) is not a count from 0 to \(max(limit, 0))")
        }
        return count
    }
}
