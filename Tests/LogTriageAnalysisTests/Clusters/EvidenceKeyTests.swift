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
