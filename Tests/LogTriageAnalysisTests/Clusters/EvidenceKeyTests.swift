import Foundation
import Testing
@testable import LogTriageAnalysis
@testable import LogTriageBasics

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

    @Test(arguments: [("one\ntwo", 3), ("one\rtwo", 3), ("one\r\ntwo", 3), ("one\n\rtwo", 3), ("one two", 7), ("", 0), ("\n", 0)])
    func theFirstLineBreakIsEitherByte(_ text: String, _ expected: Int) {
        Self.withBytes(text) { #expect(ByteSearch.firstLineBreak(in: $0) == expected) }
    }
}
