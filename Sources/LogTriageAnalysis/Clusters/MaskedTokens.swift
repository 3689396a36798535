/// Reusable scratch space holding one masked message: the token bytes back to back,
/// where each token ends, and a 64-bit hash per token.
///
/// The miner compares hashes, never strings, so the hot path allocates nothing once the
/// buffers have grown to the longest message seen.
struct MaskedTokens {
    /// Masked token bytes, concatenated without separators.
    var bytes: [UInt8] = []
    /// `ends[i]` is the offset in `bytes` one past token `i`.
    var ends: [Int] = []
    /// FNV-1a hash of each token's bytes; ``MaskedTokens/wildcardHash`` for `<*>`.
    var hashes: [UInt64] = []
    /// The raw token being masked, after quoted and JSON spans were replaced.
    var scratch: [UInt8] = []
    /// Index of the last token known to be a quantity with its unit (`1190 bytes` → `<*>`),
    /// so that a restatement in brackets right after it (`(1.16 KB)`) joins it; -1 for none.
    var quantityToken = -1

    static let wildcard: [UInt8] = Array("<*>".utf8)
    static let wildcardHash: UInt64 = fnv1a(wildcard[...])

    init() {
        bytes.reserveCapacity(512)
        ends.reserveCapacity(64)
        hashes.reserveCapacity(64)
        scratch.reserveCapacity(256)
    }

    var count: Int { ends.count }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        quantityToken = -1
    }

    func start(of index: Int) -> Int { index == 0 ? 0 : ends[index - 1] }

    func text(at index: Int) -> String {
        String(decoding: bytes[start(of: index)..<ends[index]], as: UTF8.self)
    }

    /// Whether the last finished token ends with `<*>` (`<*>`, `(<*>`, `size=<*>`).
    var lastEndsWithWildcard: Bool {
        guard let end = ends.last, end - start(of: ends.count - 1) >= 3 else { return false }
        return bytes[end - 3] == 0x3C && bytes[end - 2] == 0x2A && bytes[end - 1] == 0x3E
    }

    /// Whether the last finished token is exactly `<*>`.
    var lastIsWildcard: Bool { hashes.last == MaskedTokens.wildcardHash }

    /// Closes the token that starts at `start`, or drops it when it is empty.
    mutating func finishToken(from start: Int) {
        guard bytes.count > start else { return }
        ends.append(bytes.count)
        hashes.append(MaskedTokens.fnv1a(bytes[start...]))
    }

    /// Appends bytes to the last token (a unit folded into the number before it).
    mutating func extendLast<C: Collection>(with tail: C) where C.Element == UInt8 {
        guard !ends.isEmpty, !tail.isEmpty else { return }
        let start = start(of: ends.count - 1)
        bytes.append(contentsOf: tail)
        ends[ends.count - 1] = bytes.count
        hashes[hashes.count - 1] = MaskedTokens.fnv1a(bytes[start...])
    }

    /// Whether the last finished token is a quantity with its unit.
    var lastIsQuantity: Bool { quantityToken >= 0 && quantityToken == ends.count - 1 }

    /// Marks the last finished token as a quantity with its unit.
    mutating func markLastAsQuantity() { quantityToken = ends.count - 1 }

    /// Removes the last finished token.
    mutating func removeLast() {
        guard !ends.isEmpty else { return }
        bytes.removeSubrange(start(of: ends.count - 1)...)
        ends.removeLast()
        hashes.removeLast()
        if quantityToken >= ends.count { quantityToken = -1 }
    }

    /// Whether the last finished token is exactly `bytes`.
    func lastEquals(_ expected: [UInt8]) -> Bool {
        guard let end = ends.last else { return false }
        let start = start(of: ends.count - 1)
        return end - start == expected.count && bytes[start..<end].elementsEqual(expected)
    }

    /// Drops the bytes of a token that was written but not finished (a collapsed `<*>`).
    mutating func truncate(to length: Int) { bytes.removeSubrange(length...) }

    /// Keeps at most `count` tokens: beyond that, the first `count - 1` and one `<*>` for the
    /// rest (merged into a last token that is already `<*>`).
    mutating func limit(to count: Int) {
        guard ends.count > count else { return }
        let kept = count - 1
        bytes.removeSubrange(ends[kept - 1]...)
        ends.removeSubrange(kept...)
        hashes.removeSubrange(kept...)
        guard !lastIsWildcard else { return }
        let start = bytes.count
        bytes.append(contentsOf: MaskedTokens.wildcard)
        finishToken(from: start)
    }

    /// A hash of the whole token sequence, for the exact-match cache.
    var sequenceHash: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(truncatingIfNeeded: hashes.count)
        for token in hashes {
            hash = (hash ^ token) &* 0x0000_0100_0000_01b3
            hash ^= hash >> 29
        }
        return hash
    }

    @inline(__always)
    static func fnv1a(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
