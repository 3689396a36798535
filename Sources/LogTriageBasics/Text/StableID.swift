/// Short ids derived from content (a cluster's key, a pattern's template), so the same
/// thing gets the same id in every run and week, whatever the order records came in.
package enum StableID {
    /// `prefix` and 10 hex digits of a 64-bit FNV-1a hash of `key`.
    package static func make(_ prefix: String, _ key: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let hex = String(hash >> 24, radix: 16)
        return prefix + String(repeating: "0", count: max(0, 10 - hex.count)) + hex
    }
}
