import Foundation
import Testing
@testable import LogTriageAnalysis
@testable import LogTriageBasics
import LogTriageTestSupport

/// The evidence key is blind to variables (a word holding a digit) but not to status codes,
/// and the template key ends where the message's first line ends, JSON escapes included.
@Suite("Clusters: the evidence key blinds variables, keeps status codes, and ends at the first line")
struct EvidenceKeyTests {
    static func key(_ text: String) -> UInt64 {
        var key = EvidenceKey()
        key.mix(text)
        return key.hash
    }

    static func firstLineKey(_ rawJSONText: String) -> UInt64 {
        var text = rawJSONText
        return text.withUTF8 { EvidenceKey.firstLineAndWhole($0).firstLine }
    }

    @Test(arguments: [("invoice INV-123 failed after 45 ms", "invoice INV-9 failed after 7 ms"),
                      ("order a1b2 for user 77 rejected", "order zz9 for user 1 rejected")])
    func wordsHoldingADigitAreOneVariable(_ one: String, _ other: String) {
        #expect(Self.key(one) == Self.key(other))
    }

    @Test(arguments: ["status 503", "HTTP 503", "StatusCode=503", "returned 503", "Response: 503", "code 503", "STATUS 503"])
    func aNumberAfterAStatusWordIsKept(_ text: String) {
        #expect(Self.key(text) != Self.key(text.replacingOccurrences(of: "503", with: "400")))
    }

    @Test(arguments: ["statuses 503", "xstatus 503", "status-x 503", "status2 503", "responses 503", "statuscodes 503"])
    func aNumberAfterAnyOtherWordIsAVariable(_ text: String) {
        #expect(Self.key(text) == Self.key(text.replacingOccurrences(of: "503", with: "400")))
    }

    @Test func wordsAndSeparatorsCount() {
        #expect(Self.key("payment failed") != Self.key("payment  failed"))
        #expect(Self.key("payment failed") != Self.key("payment refused"))
        #expect(Self.key("abc def") != Self.key("abcdef"))
    }

    @Test func theFirstLineEndsAtARawBreakOrAJSONEscape() {
        #expect(Self.firstLineKey(#"failed\nat one"#) == Self.firstLineKey(#"failed\nat two"#))
        #expect(Self.firstLineKey(#"failed\rat one"#) == Self.firstLineKey(#"failed\rat two"#))
        #expect(Self.firstLineKey("failed\nat one") == Self.firstLineKey("failed\nat two"))
        #expect(Self.firstLineKey("failed\rat one") == Self.firstLineKey("failed\rat two"))
        #expect(Self.firstLineKey(#"failed at one"#) != Self.firstLineKey(#"failed at two"#))
    }

    /// The reference: each field as its tokens, a byte outside words as itself, a word as its
    /// bytes or, holding a digit and not right after a status word, as a placeholder.
    static func referenceTokens(_ fields: [[UInt8]]) -> [String] {
        func isWordByte(_ byte: UInt8) -> Bool {
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2D || byte == 0x5F || byte >= 0x80
        }
        let statusWords: Set<String> = ["status", "code", "http", "statuscode", "returned", "response"]
        var tokens: [String] = []
        for field in fields {
            var afterStatusWord = false
            var index = 0
            while index < field.count {
                guard isWordByte(field[index]) else {
                    tokens.append("byte \(field[index])")
                    index += 1
                    continue
                }
                var end = index
                while end < field.count && isWordByte(field[end]) { end += 1 }
                let word = Array(field[index..<end])
                let hasDigit = word.contains { $0 >= 0x30 && $0 <= 0x39 }
                tokens.append(hasDigit && !afterStatusWord ? "variable" : "word \(word)")
                let letters = word.allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
                afterStatusWord = letters && statusWords.contains(String(decoding: word.map { $0 | 0x20 }, as: UTF8.self))
                index = end
            }
            tokens.append("end of field")
        }
        return tokens
    }

    static func key(fields: [[UInt8]]) -> UInt64 {
        var key = EvidenceKey()
        for field in fields { field.withUnsafeBufferPointer { key.mix($0) } }
        return key.hash
    }

    /// Texts built from words of every length up to 20 (status words in both cases among them,
    /// numbers, non-ASCII, separators), then changed a little: two get the same key exactly
    /// when the reference reads them as the same tokens. A key read in two parts, split
    /// anywhere (inside a word too), is the key read whole.
    @Test func keysAgreeWithTheReferenceTokens() {
        var random = SplitMix64(seed: 0xE71D)
        let pieces = ["status", "STATUS", "Code", "HTTP", "statusCode", "returned", "RESPONSE", "503", "400", "a1", "x",
                      "-", "_", " ", "=", ":", ".", "é", "\\", "statuses", "abcdefgh", "abcdefghij", "0", "Exception",
                      "java.lang.IllegalStateException", "id-4f2", "ab", "abc", "abcdefghijklmnop", "abcdefghijklmnopq"].map { Array($0.utf8) }
        func text() -> [UInt8] {
            (0..<Int(random.next() % 12)).flatMap { _ in pieces[Int(random.next() % UInt64(pieces.count))] }
        }
        var same = 0, different = 0
        for _ in 0..<4_000 {
            let fields = (0..<(1 + Int(random.next() % 3))).map { _ in text() }
            var changed = fields
            let field = Int(random.next() % UInt64(changed.count))
            if !changed[field].isEmpty {
                let position = Int(random.next() % UInt64(changed[field].count))
                switch random.next() % 4 {
                case 0: changed[field][position] = UInt8(ascii: "0") + UInt8(random.next() % 10)
                case 1: changed[field][position] = pieces[Int(random.next() % UInt64(pieces.count))].first ?? 0x20
                case 2: changed[field].insert(contentsOf: pieces[Int(random.next() % UInt64(pieces.count))], at: position)
                default: changed[field].remove(at: position)
                }
            }
            let expected = Self.referenceTokens(fields) == Self.referenceTokens(changed)
            #expect((Self.key(fields: fields) == Self.key(fields: changed)) == expected,
                    "\(fields.map { String(decoding: $0, as: UTF8.self) }) \(changed.map { String(decoding: $0, as: UTF8.self) })")
            if expected { same += 1 } else { different += 1 }

            let whole = fields[0]
            let split = whole.isEmpty ? 0 : Int(random.next() % UInt64(whole.count + 1))
            var parts = EvidenceKey()
            whole.withUnsafeBufferPointer { bytes in
                parts.add(UnsafeBufferPointer(rebasing: bytes[0..<split]))
                parts.add(UnsafeBufferPointer(rebasing: bytes[split...]))
            }
            parts.mix(nil)
            #expect(parts.hash == Self.key(fields: [whole]), "\(String(decoding: whole, as: UTF8.self)) at \(split)")
        }
        #expect(same > 500 && different > 500)
    }

    /// ``EvidenceKey/add(_:)`` takes whole words sixteen bytes at a time; its key is the one the
    /// byte-by-byte loop gives, on texts of every length up to 300 bytes made of short and long
    /// words (past 16 and 32 bytes), status words in any case, digits, non-ASCII and separators,
    /// read whole, in two parts split anywhere, and from any offset of a larger buffer.
    @Test func sixteenBytesAtATimeIsByteByByte() {
        var random = SplitMix64(seed: 0x5EED)
        let pieces = ["status", "STATUS", "Code", "http", "statusCode", "StatusCodes", "returned", "RESPONSE", "responsE",
                      "503", "a1", "x", "-", "_", " ", "  ", "=", ":", ".", "é", "\\n", "\"", "\u{7F}", "\u{0}",
                      "abcdefgh", "abcdefghi", "abcdefghijklmnop", "abcdefghijklmnopq", "Exception", "java.lang.IllegalStateException",
                      "INV-2026-1136626", "com_acme_pump_InvoiceSyncServiceWorkerLoopThread", "日本語", "a1b2c3d4e5f6g7h8i9j0k"]
            .map { Array($0.utf8) }
        var longWords = 0
        for round in 0..<6_000 {
            var text: [UInt8] = []
            let target = round < 300 ? round : Int(random.next() % 301)
            while text.count < target { text += pieces[Int(random.next() % UInt64(pieces.count))] }
            if text.count > target { text.removeLast(text.count - target) }
            if text.contains(where: { $0 == UInt8(ascii: "q") || $0 == UInt8(ascii: "k") }) { longWords += 1 }
            let lead = Int(random.next() % 9)
            let buffer = Array(repeating: UInt8(ascii: "z"), count: lead) + text
            buffer.withUnsafeBufferPointer { whole in
                let bytes = UnsafeBufferPointer(rebasing: whole[lead...])
                var fast = EvidenceKey(), slow = EvidenceKey()
                fast.add(bytes)
                slow.addByteByByte(bytes)
                fast.mix(nil)
                slow.mix(nil)
                #expect(fast.hash == slow.hash, "\(String(decoding: text, as: UTF8.self))")
                let split = Int(random.next() % UInt64(text.count + 1))
                var parts = EvidenceKey()
                parts.add(UnsafeBufferPointer(rebasing: bytes[..<split]))
                parts.add(UnsafeBufferPointer(rebasing: bytes[split...]))
                parts.mix(nil)
                #expect(parts.hash == slow.hash, "\(String(decoding: text, as: UTF8.self)) split at \(split)")
            }
        }
        #expect(longWords > 1_000)
    }

    /// `\\` is an escaped backslash: the `n` after it is a letter, not a line break, so a
    /// Windows path does not end the line (`C:\new\one` and `C:\new\two` are two texts).
    @Test func anEscapedBackslashDoesNotStartALineBreak() {
        #expect(Self.firstLineKey(#"cannot open C:\\new\\one"#) != Self.firstLineKey(#"cannot open C:\\new\\two"#))
        #expect(Self.firstLineKey(#"cannot open C:\\\nat one"#) == Self.firstLineKey(#"cannot open C:\\\nat two"#))
    }
}

@Suite("Basics: byte searches by memchr")
struct ByteSearchTests {
    static func withBytes<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var text = text
        return text.withUTF8(body)
    }

    @Test func indexOfAByteWithinBounds() {
        Self.withBytes("a,b,c") { bytes in
            #expect(ByteSearch.index(of: UInt8(ascii: ","), in: bytes) == 1)
            #expect(ByteSearch.index(of: UInt8(ascii: ","), in: bytes, from: 2) == 3)
            #expect(ByteSearch.index(of: UInt8(ascii: ","), in: bytes, from: 2, to: 3) == nil)
            #expect(ByteSearch.index(of: UInt8(ascii: "x"), in: bytes) == nil)
            #expect(ByteSearch.index(of: UInt8(ascii: "a"), in: bytes, from: 5) == nil)
        }
        #expect(ByteSearch.index(of: 0x0A, in: UnsafeBufferPointer(start: nil, count: 0)) == nil)
    }

    /// The reference: every place in turn, compared in full.
    static func naiveFirst(_ needle: [UInt8], in text: [UInt8], from start: Int) -> Int? {
        guard needle.count <= text.count - start else { return nil }
        return (start...(text.count - needle.count)).first { Array(text[$0..<($0 + needle.count)]) == needle }
    }

    /// Needles of 1 to 40 bytes in texts of 0 to 300 bytes over a small alphabet (so first and
    /// last bytes often match where the rest does not), from every start, against the reference;
    /// and a needle that ends exactly at the text's end.
    @Test func theFirstOccurrenceIsTheReferences() {
        var random = SplitMix64(seed: 0xB17E)
        let alphabet = Array("Caused by: C\\n".utf8)
        var found = 0
        for _ in 0..<3_000 {
            let text = (0..<Int(random.next() % 301)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            var needle = (0..<(1 + Int(random.next() % 40))).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            if random.next() % 3 == 0, text.count > 2 {
                let start = Int(random.next() % UInt64(text.count - 1))
                needle = Array(text[start..<min(text.count, start + 1 + Int(random.next() % 40))])
            }
            let start = text.isEmpty ? 0 : Int(random.next() % UInt64(text.count))
            let expected = Self.naiveFirst(needle, in: text, from: start)
            let actual = text.withUnsafeBufferPointer { bytes in
                needle.withUnsafeBufferPointer { ByteSearch.index(of: $0, in: bytes, from: start) }
            }
            #expect(actual == expected, "needle \(needle) text \(text) from \(start)")
            if expected != nil { found += 1 }
        }
        #expect(found > 500)
        let text = Array(repeating: UInt8(ascii: "C"), count: 100) + Array("Caused by: ".utf8)
        text.withUnsafeBufferPointer { bytes in
            #expect(ByteSearch.index(of: Array("Caused by: ".utf8), in: bytes, from: 0) == 100)
            #expect(ByteSearch.index(of: Array("Caused by: ".utf8), in: UnsafeBufferPointer(rebasing: bytes[0..<110]), from: 0) == nil)
        }
    }

    @Test(arguments: [("one\ntwo", 3), ("one\rtwo", 3), ("one\r\ntwo", 3), ("one\n\rtwo", 3), ("one two", 7), ("", 0), ("\n", 0)])
    func theFirstLineBreakIsEitherByte(_ text: String, _ expected: Int) {
        Self.withBytes(text) { #expect(ByteSearch.firstLineBreak(in: $0) == expected) }
    }
}
