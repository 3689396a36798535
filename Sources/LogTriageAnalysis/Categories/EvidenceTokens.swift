import LogTriageBasics

/// The tokens `code` conditions look for and the class names `words` conditions split,
/// gathered once per classification from the evidence's messages and exception chain.
///
/// A message holds hundreds of tokens and a few rules look for a handful of codes, so tokens
/// stay bytes, indexed by a hash: a string is made only for a token a pattern matches and for
/// class-like tokens.
struct EvidenceTokens {
    /// Every token's UTF-8 bytes, back to back; `ends[i]` is one past token `i`.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
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
        var classLike: [String] = []
        var seenClasses: Set<String> = []
        var names: [(name: String, words: [String])] = []
        for thrown in chain where seenClasses.insert(thrown.simpleName).inserted {
            names.append((thrown.simpleName, ClassNameWords.words(of: thrown.simpleName)))
        }
        for text in chain.map(\.className) + messages {
            Self.forEachToken(of: text) { token in
                bytes.append(contentsOf: token)
                ends.append(bytes.count)
                hashes.append(Self.hash(token))
                if Self.isClassLike(token) { classLike.append(String(decoding: token, as: UTF8.self)) }
            }
        }
        var capacity = 16
        while capacity < 2 * hashes.count { capacity <<= 1 }
        slots = [Int32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for (token, hash) in hashes.enumerated() {
            var slot = Self.slot(of: hash, mask: mask)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(token + 1)
        }
        for token in classLike where seenClasses.insert(token).inserted {
            names.append((token, ClassNameWords.words(of: token)))
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

    /// Whether `piece` occurs anywhere in the tokens' bytes (across two tokens too): false
    /// means no token contains it.
    func bytesContain(_ piece: [UInt8]) -> Bool {
        piece.isEmpty || ByteSearch.index(of: piece, in: bytes, from: 0) != nil
    }

    /// The least token (in string order) that `accepts` takes, as a string.
    func least(where accepts: (ArraySlice<UInt8>) -> Bool) -> String? {
        var best: String?
        for index in ends.indices where accepts(token(index)) {
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
        bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && isTokenByte(UInt8(scalar.value))
    }

    /// An ASCII letter, digit or `_`: compared as bytes, since this runs over every message.
    @inline(__always)
    static func isTokenByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "_")
    }

    /// Runs of ASCII letters, digits and `_` in the first ``maxScannedBytes`` of `text`.
    static func tokens(of text: String) -> [String] {
        var tokens: [String] = []
        forEachToken(of: text) { tokens.append(String(decoding: $0, as: UTF8.self)) }
        return tokens
    }

    /// Calls `body` with the bytes of each token of the first ``maxScannedBytes`` of `text`.
    static func forEachToken(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            let end = min(bytes.count, maxScannedBytes)
            var start = -1
            for index in 0..<end {
                if isTokenByte(bytes[index]) {
                    if start < 0 { start = index }
                } else if start >= 0 {
                    body(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                    start = -1
                }
            }
            if start >= 0 { body(UnsafeBufferPointer(rebasing: bytes[start..<end])) }
        }
    }

    /// A token that reads as a class name: starts upper case, has a lower-case letter followed
    /// by an upper-case one (CamelCase), and is long enough not to be an ordinary word.
    /// Tokens are ASCII, so cases are byte ranges.
    static func isClassLike(_ token: String) -> Bool {
        isClassLike(Array(token.utf8))
    }

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
