import Testing
@testable import LogTriageAnalysis

/// Texts a field repeats, built once with what is worked out from them, up to a cap: every
/// answer is the one building the text anew would give, and past the cap nothing more is kept.
@Suite struct RepeatedTextsTests {
    @Test func eachTextIsWorkedOutOnceUpToTheCap() {
        var texts = RepeatedTexts<Int>(capacity: 3)
        var derivations: [String] = []
        let values = ["success", "failure", "succès", "", "failure", "success", "x\u{FF}", "succès", "", "x\u{FF}"]
        // One value holds a byte that is not UTF-8: its text is the decoded one, repaired.
        let bytes: [[UInt8]] = values.map { value in
            value == "x\u{FF}" ? [UInt8(ascii: "x"), 0xFF] : Array(value.utf8)
        }
        for (value, raw) in zip(values, bytes) {
            let (text, derived) = raw.withUnsafeBufferPointer { buffer in
                texts.text(of: buffer) { text in
                    derivations.append(text)
                    return text.utf8.count
                }
            }
            let expected = String(decoding: raw, as: UTF8.self)
            #expect(text == expected, "\(value)")
            #expect(derived == expected.utf8.count, "\(value)")
        }
        // The first three texts are kept and worked out once; the two past the cap each time.
        #expect(derivations == ["success", "failure", "succès", "", "x\u{FFFD}", "", "x\u{FFFD}"])
    }
}
