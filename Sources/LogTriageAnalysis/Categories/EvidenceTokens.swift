import LogTriageBasics

/// The tokens `code` conditions look for and the class names `words` conditions split,
/// gathered once per classification from the evidence's messages and exception chain.
///
/// A message holds hundreds of tokens and a few rules look for a handful of codes, so tokens
/// stay bytes, indexed by a hash: a string is made only for a token a pattern matches and for
/// class-like tokens.
struct EvidenceTokens {
    /// The scanned text of every class name and message, back to back with a space between:
    /// tokens are ranges of it. A run of token bytes never crosses a separator, so a piece of
    /// token bytes found in it lies inside one token.
    private var bytes: [UInt8] = []
    /// Token `i` is `bytes[starts[i]..<ends[i]]`.
    private var starts: [Int32] = []
    private var ends: [Int32] = []
    /// Every token's ``hash(_:)``, and an open-addressing table over them (token index + 1 per
    /// slot, 0 for empty, at least twice as many slots as tokens): built in one pass and looked
    /// up in one or two probes, where a sorted index cost a sort of hundreds of tokens per
    /// message and a binary search per code.
    private var hashes: [UInt64] = []
    private var slots: [Int32] = []
    /// Class names: the chain's, then class-like tokens of the messages (CamelCase names such
    /// as `ReadTimeout`, `ProvisionedThroughputExceededException`), each with its words.
    private(set) var classNames: [(name: String, words: [String])] = []

    /// Longest message prefix read for tokens; codes and class names come early in a message,
    /// and a pasted stack trace must not make one classification slow.
    static let maxScannedBytes = 4096

    init(chain: [ThrownException], messages: [String]) {
        var seenClasses: Set<String> = []
        var names: [(name: String, words: [String])] = []
        for thrown in chain where seenClasses.insert(thrown.simpleName).inserted {
            names.append((thrown.simpleName, ClassNameWords.words(of: thrown.simpleName)))
        }
        var texts = chain.map(\.className) + messages
        bytes.reserveCapacity(texts.reduce(0) { $0 + min($1.utf8.count, Self.maxScannedBytes) + 1 })
        for index in texts.indices {
            texts[index].withUTF8 { text in
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text.prefix(Self.maxScannedBytes)))
            }
            bytes.append(UInt8(ascii: " "))
        }
        // One pass: each token's range and hash as its bytes go by. Every text ends in a
        // separator, so the last token ends inside the loop.
        var classLike: [Int] = []
        // Locals, assigned once at the end: appending to the stored arrays from the loop checked
        // their uniqueness and capacity through `self` at every token.
        var starts: [Int32] = [], ends: [Int32] = [], hashes: [UInt64] = []
        let expected = bytes.count / 4
        starts.reserveCapacity(expected)
        ends.reserveCapacity(expected)
        hashes.reserveCapacity(expected)
        bytes.withUnsafeBufferPointer { bytes in
            var start = -1
            var hash: UInt64 = 0
            for index in bytes.indices {
                let byte = bytes[index]
                if Self.isTokenByte(byte) {
                    if start < 0 {
                        start = index
                        hash = 0xcbf2_9ce4_8422_2325
                    }
                    hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
                } else if start >= 0 {
                    let token = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    if Self.isClassLike(token) { classLike.append(hashes.count) }
                    starts.append(Int32(start))
                    ends.append(Int32(index))
                    hashes.append(hash)
                    start = -1
                }
            }
        }
        self.starts = starts
        self.ends = ends
        self.hashes = hashes
        var capacity = 16
        while capacity < 2 * hashes.count { capacity <<= 1 }
        let mask = capacity - 1
        var slots = [Int32](repeating: 0, count: capacity)
        for (token, hash) in hashes.enumerated() {
            var slot = Self.slot(of: hash, mask: mask)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(token + 1)
        }
        self.slots = slots
        for token in classLike {
            let name = String(decoding: self.token(token), as: UTF8.self)
            if seenClasses.insert(name).inserted { names.append((name, ClassNameWords.words(of: name))) }
        }
        classNames = names
    }

    /// Whether the token `code` (its UTF-8 bytes and ``hash(_:)``) is among the tokens.
    func contains(_ code: [UInt8], hash: UInt64) -> Bool {
        let mask = slots.count - 1
        var slot = Self.slot(of: hash, mask: mask)
        while slots[slot] != 0 {
            let token = Int(slots[slot] - 1)
            if hashes[token] == hash, self.token(token).elementsEqual(code) { return true }
            slot = (slot + 1) & mask
        }
        return false
    }

    /// FNV-1a's low bits vary least; folding the high half in spreads the slots.
    @inline(__always)
    private static func slot(of hash: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 29) ^ (hash >> 47)) & mask
    }

    /// Whether `piece` occurs anywhere in the scanned text: for a piece of token bytes, whether
    /// a token contains it.
    func bytesContain(_ piece: [UInt8]) -> Bool {
        piece.isEmpty || ByteSearch.index(of: piece, in: bytes, from: 0) != nil
    }

    /// The least token (in string order) that `accepts` takes, as a string.
    func least(where accepts: (ArraySlice<UInt8>) -> Bool) -> String? {
        var best: String?
        for index in hashes.indices where accepts(token(index)) {
            let text = String(decoding: token(index), as: UTF8.self)
            if best.map({ text < $0 }) ?? true { best = text }
        }
        return best
    }

    /// FNV-1a of a token's bytes, the key of the index.
    static func hash<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    private func token(_ index: Int) -> ArraySlice<UInt8> {
        bytes[Int(starts[index])..<Int(ends[index])]
    }

    static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && isTokenByte(UInt8(scalar.value))
    }

    /// An ASCII letter, digit or `_`: compared as bytes, since this runs over every message.
    @inline(__always)
    static func isTokenByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "_")
    }

    /// A token that reads as a class name: starts upper case, has a lower-case letter followed
    /// by an upper-case one (CamelCase), and is long enough not to be an ordinary word.
    /// Tokens are ASCII, so cases are byte ranges.
    static func isClassLike<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        guard bytes.count >= 7, let first = bytes.first, isUpper(first) else { return false }
        var previousLower = false
        for byte in bytes {
            if previousLower && isUpper(byte) { return true }
            previousLower = byte &- UInt8(ascii: "a") < 26
        }
        return false
    }

    @inline(__always)
    private static func isUpper(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "A") < 26 }
}
