import Testing
@testable import LogTriageIngest
import LogTriageTestSupport

extension Records {
    /// Invalid UTF-8 and lone surrogate escapes inside strings become U+FFFD (one per maximal
    /// subpart, as Swift's own decoder does) and flag the record; outside strings they are errors.
    @Suite struct JSONRepairTests {
        static let damagedSequences: [(name: String, bytes: [UInt8], decoded: String)] = [
            ("0xFF", [0xFF], "\u{FFFD}"),
            ("0xFE", [0xFE], "\u{FFFD}"),
            ("lone continuation 0x80", [0x80], "\u{FFFD}"),
            ("0xC3 0x28", [0xC3, 0x28], "\u{FFFD}("),
            ("truncated 2-byte", [0xC3], "\u{FFFD}"),
            ("truncated 3-byte", [0xE2, 0x82], "\u{FFFD}"),
            ("truncated 4-byte", [0xF0, 0x9F, 0x98], "\u{FFFD}"),
            ("overlong 0xC0 0xAF", [0xC0, 0xAF], "\u{FFFD}\u{FFFD}"),
            ("overlong 0xE0 0x80 0xAF", [0xE0, 0x80, 0xAF], "\u{FFFD}\u{FFFD}\u{FFFD}"),
            ("overlong 4-byte", [0xF0, 0x80, 0x80, 0xAF], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
            ("UTF-8 surrogate 0xED 0xA0 0x80", [0xED, 0xA0, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}"),
            ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
            ("0xF5 lead", [0xF5, 0x80, 0x80, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
            ("5-byte form", [0xF8, 0x88, 0x80, 0x80, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
        ]

        @Test(arguments: damagedSequences)
        func invalidUTF8InAValueBecomesReplacementCharacters(name: String, bytes: [UInt8], decoded: String) throws {
            for (before, after) in [("a", "b"), ("", ""), ("é", "€"), ("x", "\\n")] {
                let text = Array("{\"v\":\"\(before)".utf8) + bytes + Array("\(after)\",\"w\":1}".utf8)
                let record = try #require(parseOne(text, schema: attributeSchema(["v", "w"])), "\(name)")
                let decodedAfter = after == "\\n" ? "\n" : after
                let expected = before + decoded + decodedAfter
                #expect(record.attribute("v") == expected, "\(name)")
                // Swift's decoder is the reference for where one replacement ends.
                #expect(expected == before + String(decoding: bytes, as: UTF8.self) + decodedAfter, "\(name)")
                #expect(record.attribute("w") == "1")
                #expect(record.isRepaired, "\(name)")
            }
        }

        @Test(arguments: damagedSequences)
        func invalidUTF8InAKeyIsRepairedToo(name: String, bytes: [UInt8], decoded: String) throws {
            let text = Array("{\"k".utf8) + bytes + Array("\":{\"in\":2}}".utf8)
            let path = "k" + decoded + ".in"
            let record = try #require(parseOne(text, schema: attributeSchema([path])), "\(name)")
            #expect(record.attribute(path) == "2", "\(name)")
            #expect(record.isRepaired)
        }

        @Test(arguments: damagedSequences)
        func invalidUTF8OutsideStringsIsInvalid(name: String, bytes: [UInt8], decoded: String) {
            for text in [bytes + Array("{}".utf8), Array("{".utf8) + bytes + Array("\"a\":1}".utf8),
                         Array("{\"a\":1".utf8) + bytes + Array("}".utf8), Array("{\"a\":".utf8) + bytes + Array("}".utf8),
                         Array("{}".utf8) + bytes] {
                #expect(parseRecords(text, schema: attributeSchema(["a"])).0.failureKind != nil, "\(name)")
            }
        }

        @Test(arguments: [
            (#"\ud800"#, "\u{FFFD}"), (#"\udbff"#, "\u{FFFD}"), (#"\udc00"#, "\u{FFFD}"), (#"\uDFFF"#, "\u{FFFD}"),
            (#"a\ud800b"#, "a\u{FFFD}b"), (#"\ud800\u0041"#, "\u{FFFD}A"), (#"\ud800\n"#, "\u{FFFD}\n"),
            (#"\ud800\ud800\udc00"#, "\u{FFFD}\u{10000}"), (#"\ude00\ud83d"#, "\u{FFFD}\u{FFFD}"),
            (#"\udc00\udc00"#, "\u{FFFD}\u{FFFD}"), (#"\ud83d\ude00\ude00"#, "😀\u{FFFD}"), (#"\ud800\\"#, "\u{FFFD}\\"),
        ])
        func loneSurrogateEscapeBecomesReplacementCharacter(escaped: String, expected: String) throws {
            let record = try #require(parseOne("{\"v\":\"\(escaped)\"}", schema: attributeSchema(["v"])))
            #expect(record.attribute("v") == expected)
            #expect(record.isRepaired)
            let key = try #require(parseOne("{\"\(escaped)\":1}", schema: attributeSchema([expected])))
            #expect(key.attribute(expected) == "1")
            #expect(key.isRepaired)
        }

        @Test func repairsAnywhereInTheRecordFlagIt() throws {
            let schema = attributeSchema(["kept"])
            for text: [UInt8] in [
                Array(#"{"kept":1,"other":""#.utf8) + [0xFF] + Array(#""}"#.utf8),
                Array(#"{"kept":1,"list":[""#.utf8) + [0xC0, 0xAF] + Array(#""]}"#.utf8),
                Array(#"{"kept":1,"o":{"deep":"\udc00"}}"#.utf8),
                Array(#"{"kept":1,"attributes":{"x":"\ud800"}}"#.utf8),
                Array(#"{"kept":1,"o":{""#.utf8) + [0xED, 0xA0, 0x80] + Array(#"":2}}"#.utf8),
            ] {
                let record = try #require(parseOne(text, schema: schema))
                #expect(record.isRepaired)
                #expect(record.attribute("kept") == "1")
            }
        }

        @Test func repairFlagIsPerRecord() throws {
            let parser = RecordParser(schema: attributeSchema(["v"]))
            let damaged = Array(#"{"v":""#.utf8) + [0xFF] + Array(#""}"#.utf8)
            #expect(parseRecords(damaged, parser: parser).1.first?.isRepaired == true)
            #expect(parseRecords(Array(#"{"v":"\u00e9 😀"}"#.utf8), parser: parser).1.first?.isRepaired == false)
            #expect(parseRecords(Array(#"{"v":"\ud83d\ude00"}"#.utf8), parser: parser).1.first?.isRepaired == false)
        }

        @Test func validNonASCIIIsNotARepair() throws {
            let text = "{\"v\":\"\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}\u{FFFD}\"}"
            let record = try #require(parseOne(text, schema: attributeSchema(["v"])))
            #expect(record.attribute("v") == "\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}\u{FFFD}")
            #expect(record.isRepaired == false)
        }
    }
}
