import Foundation
import Testing
@testable import LogTriageIngest
@testable import LogTriageAnalysis
import LogTriageTestSupport

extension Records {
    /// Escapes, nesting limits, very large values and keys, and flattening rules.
    @Suite struct JSONRecordScannerTests {
        // MARK: Escapes

        @Test func everyShortEscapeDecodes() throws {
            let text = #"{"a":"q\"b\\s\/c\b\f\n\r\t!"}"#
            let record = try #require(parseOne(text, schema: attributeSchema(["a"])))
            #expect(record.attributes["a"]?.bytes == Array("q\"b\\s/c\u{8}\u{C}\n\r\t!".utf8))
            #expect(record.isRepaired == false)
        }

        @Test(arguments: [
            (#"\u00e9"#, "é"), (#"\u00E9"#, "é"), (#"\u20ac"#, "€"), (#"\u20AC"#, "€"), (#"\ud83d\ude00"#, "😀"),
            (#"\uD83D\uDE00"#, "😀"), (#"\uDBFF\uDFFF"#, "\u{10FFFF}"), (#"\ud800\udc00"#, "\u{10000}"), (#"\u0000"#, "\u{0}"),
            (#"\u001f"#, "\u{1F}"), (#"\u007f"#, "\u{7F}"), (#"\u0080"#, "\u{80}"), (#"\u07ff"#, "\u{7FF}"),
            (#"\u0800"#, "\u{800}"), (#"\uffff"#, "\u{FFFF}"), (#"\ufeff"#, "\u{FEFF}"), (#"x\u0041\u0042y"#, "xABy"),
        ])
        func unicodeEscapeDecodes(escaped: String, expected: String) throws {
            let record = try #require(parseOne("{\"a\":\"\(escaped)\"}", schema: attributeSchema(["a"])))
            #expect(record.attributes["a"]?.bytes == Array(expected.utf8))
            #expect(record.attributes["a"]?.kind == .string)
            #expect(record.isRepaired == false)
        }

        @Test(arguments: [
            #"{"err\u006fr.class":"X"}"#, #"{"err\u006fr":{"cl\u0061ss":"X"}}"#, #"{"\u0065rror":{"class":"X"}}"#,
            #"{"error\u002eclass":"X"}"#, #"{"\u0065\u0072\u0072\u006f\u0072\u002e\u0063\u006c\u0061\u0073\u0073":"X"}"#,
        ])
        func escapedKeyMatchesItsDecodedPath(text: String) throws {
            let schema = try TriageConfiguration.defaults().schema()
            let record = try #require(parseOne(text, schema: schema))
            #expect(record.string(.errorClass) == "X")
        }

        @Test func escapedSlashAndQuoteInKeys() throws {
            let record = try #require(parseOne(#"{"a\/b":1,"say \"hi\"":{"x\\y":2}}"#,
                                               schema: attributeSchema(["a/b", "say \"hi\".x\\y"])))
            #expect(record.attribute("a/b") == "1")
            #expect(record.attribute("say \"hi\".x\\y") == "2")
        }

        @Test func nonASCIIKeysAndValuesAreKeptAsUTF8() throws {
            let text = "{\"clé\":{\"€uro\":\"prix 😀 中文\"},\"\u{1F600}\":\"ok\"}"
            let record = try #require(parseOne(text, schema: attributeSchema(["clé.€uro", "😀"])))
            #expect(record.attribute("clé.€uro") == "prix 😀 中文")
            #expect(record.attribute("😀") == "ok")
        }

        // MARK: Flattening

        @Test func nestedAndDottedKeysGiveTheSamePath() throws {
            let schema = attributeSchema(["error.class", "a.b.c"])
            for text in [#"{"error":{"class":"X"},"a":{"b":{"c":1}}}"#, #"{"error.class":"X","a.b":{"c":1}}"#,
                         #"{"error.class":"X","a":{"b.c":1}}"#, #"{"error.class":"X","a.b.c":1}"#] {
                let record = try #require(parseOne(text, schema: schema), "\(text)")
                #expect(record.attribute("error.class") == "X", "\(text)")
                #expect(record.attribute("a.b.c") == "1", "\(text)")
            }
        }

        @Test func wantedContainersKeepTheirRawText() throws {
            let text = #"{"obj":{ "k" : [1, {"z":null}] },"arr":[ {"a":1}, "s" ],"empty":{},"none":[]}"#
            let record = try #require(parseOne(text, schema: attributeSchema(["obj", "obj.k", "arr", "empty", "none", "arr.a"])))
            #expect(record.attributes["obj"]?.kind == .object)
            #expect(record.attribute("obj") == #"{ "k" : [1, {"z":null}] }"#)
            #expect(record.attributes["obj.k"]?.kind == .array)
            #expect(record.attribute("obj.k") == #"[1, {"z":null}]"#)
            #expect(record.attribute("arr") == #"[ {"a":1}, "s" ]"#)
            #expect(record.attribute("empty") == "{}")
            #expect(record.attribute("none") == "[]")
            #expect(record.attributes["arr.a"] == nil, "arrays are not descended")
        }

        @Test func literalsAndNumbersKeepTheirKindAndText() throws {
            let text = #"{"t":true,"f":false,"n":null,"i":-12,"d":0.5e-3,"s":"true"}"#
            let record = try #require(parseOne(text, schema: attributeSchema(["t", "f", "n", "i", "d", "s"])))
            #expect(record.attributes["t"].map { [$0.kind == .bool, $0.text == "true"] } == [true, true])
            #expect(record.attributes["f"].map { [$0.kind == .bool, $0.text == "false"] } == [true, true])
            #expect(record.attributes["n"]?.kind == .null)
            #expect(record.attributes["i"].map { [$0.kind == .number, $0.text == "-12"] } == [true, true])
            #expect(record.attribute("d") == "0.5e-3")
            #expect(record.attributes["s"]?.kind == .string)
        }

        @Test func laterDuplicateKeyWins() throws {
            let record = try #require(parseOne(#"{"a":1,"b":{"c":"x"},"a":"two","b.c":"y"}"#,
                                               schema: attributeSchema(["a", "b.c"])))
            #expect(record.attribute("a") == "two")
            #expect(record.attributes["a"]?.kind == .string)
            #expect(record.attribute("b.c") == "y")
        }

        @Test func rootKeysBeatRootAttributesInEitherOrder() throws {
            let schema = attributeSchema(["a", "b", "c.d"])
            for text in [#"{"a":"root","attributes":{"a":"attr","b":"attr","c":{"d":"attr"}}}"#,
                         #"{"attributes":{"a":"attr","b":"attr","c":{"d":"attr"}},"a":"root"}"#] {
                let record = try #require(parseOne(text, schema: schema))
                #expect(record.attribute("a") == "root", "\(text)")
                #expect(record.attribute("b") == "attr", "\(text)")
                #expect(record.attribute("c.d") == "attr", "\(text)")
            }
            // Only the root's `attributes` is lifted; a nested one keeps its path.
            let nested = try #require(parseOne(#"{"x":{"attributes":{"y":1}}}"#, schema: attributeSchema(["x.attributes.y", "y"])))
            #expect(nested.attribute("x.attributes.y") == "1")
            #expect(nested.attributes["y"] == nil)
        }

        @Test func surroundingWhitespaceIsAllowed() throws {
            let record = try #require(parseOne(" \t\r\n{ \"a\" :\t1 }\r\n ", schema: attributeSchema(["a"])))
            #expect(record.attribute("a") == "1")
        }

        // MARK: Nesting

        private static func objectChain(_ depth: Int) -> String {
            String(repeating: #"{"a":"#, count: depth - 1) + #"{"a":1}"# + String(repeating: "}", count: depth - 1)
        }

        /// The limit is 512 containers, the same as Foundation's: 512 nested objects are read,
        /// 513 are rejected at the 513th `{`.
        @Test func objectNestingLimitIs512() throws {
            let path = Array(repeating: "a", count: 512).joined(separator: ".")
            let deepest = Self.objectChain(512)
            let record = try #require(parseOne(deepest, schema: attributeSchema([path])))
            #expect(record.attribute(path) == "1")
            #expect(try JSONSerialization.jsonObject(with: Data(deepest.utf8)) is [String: Any])

            let tooDeep = Self.objectChain(513)
            #expect(parseRecords(tooDeep, schema: attributeSchema([path])).0
                == .invalid(JSONSyntaxFailure(kind: .tooDeep, offset: 512 * 5)))
            #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: Data(tooDeep.utf8)) }
        }

        @Test func arraysCountTowardsTheSameLimit() throws {
            func arrays(_ count: Int) -> String {
                #"{"a":"# + String(repeating: "[", count: count) + String(repeating: "]", count: count) + "}"
            }
            #expect(parseRecords(arrays(511), schema: attributeSchema(["a"])).0 == .records(1))
            #expect(parseRecords(arrays(512), schema: attributeSchema(["a"])).0.failureKind == .tooDeep)
            #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: Data(arrays(512).utf8)) }

            let rootArrays = { (count: Int) in String(repeating: "[", count: count) + String(repeating: "]", count: count) }
            #expect(parseRecords(rootArrays(512), schema: attributeSchema([])).0.failureKind == .notAnObject)
            #expect(parseRecords(rootArrays(513), schema: attributeSchema([])).0.failureKind == .tooDeep)
            // Objects inside arrays inside objects: 1 + 255 * 2 + 1 = 512 levels.
            let mixed = "{\"a\":" + String(repeating: "[{\"b\":", count: 255) + "{}" + String(repeating: "}]", count: 255) + "}"
            #expect(parseRecords(mixed, schema: attributeSchema([])).0 == .records(1))
            let mixedTooDeep = "{\"a\":" + String(repeating: "[{\"b\":", count: 255) + "[{}]" + String(repeating: "}]", count: 255) + "}"
            #expect(parseRecords(mixedTooDeep, schema: attributeSchema([])).0.failureKind == .tooDeep)
        }

        @Test func deeplyNestedUnclosedTextFailsCleanly() {
            let text = String(repeating: #"{"a":"#, count: 100_000)
            #expect(parseRecords(text, schema: attributeSchema(["a"])).0.failureKind == .tooDeep)
            let arrays = "{\"a\":" + String(repeating: "[", count: 100_000)
            #expect(parseRecords(arrays, schema: attributeSchema(["a"])).0.failureKind == .tooDeep)
        }

        // MARK: Size

        @Test func fiveMegabyteStringValue() throws {
            let body = String(repeating: "0123456789abcdef", count: 5 * 1024 * 1024 / 16)
            let record = try #require(parseOne("{\"big\":\"\(body)\",\"after\":1}", schema: attributeSchema(["big", "after"])))
            #expect(record.attributes["big"]?.bytes.count == 5 * 1024 * 1024)
            #expect(record.attribute("big") == body)
            #expect(record.attribute("after") == "1")
        }

        @Test func fiveMegabyteStringWithEscapesAndRepairs() throws {
            var text = Array(#"{"big":""#.utf8)
            var expected: [UInt8] = []
            for index in 0..<(5 * 1024 * 1024 / 8) {
                switch index % 3 {
                case 0: text += Array(#"ab\n\u00e9"#.utf8); expected += Array("ab\né".utf8)
                case 1: text += [0x61, 0xFF, 0x62]; expected += [0x61, 0xEF, 0xBF, 0xBD, 0x62]
                default: text += Array("€😀".utf8); expected += Array("€😀".utf8)
                }
            }
            text += Array(#""}"#.utf8)
            let record = try #require(parseOne(text, schema: attributeSchema(["big"])))
            #expect(record.attributes["big"]?.bytes == expected)
            #expect(record.isRepaired)
        }

        @Test func oneMegabyteArrayIsKeptRaw() throws {
            let elements = (0..<150_000).map { index in index % 2 == 0 ? "\(index)" : "\"s\(index)\"" }
            let array = "[" + elements.joined(separator: ",") + "]"
            #expect(array.utf8.count > 1_000_000)
            let text = "{\"list\":\(array),\"next\":{\"k\":true}}"
            let record = try #require(parseOne(text, schema: attributeSchema(["list", "next.k"])))
            #expect(record.attributes["list"]?.kind == .array)
            #expect(record.attribute("list") == array)
            #expect(record.attribute("next.k") == "true")
        }

        @Test func longKeysAndPaths() throws {
            let first = String(repeating: "k", count: 100_000)
            let second = String(repeating: "é", count: 50_000)
            let text = "{\"\(first)\":{\"\(second)\":\"v\"},\"\(first)x\":2}"
            let record = try #require(parseOne(text, schema: attributeSchema(["\(first).\(second)", "\(first)x", first])))
            #expect(record.attribute("\(first).\(second)") == "v")
            #expect(record.attribute("\(first)x") == "2")
            #expect(record.attributes[first]?.kind == .object)
        }

        /// A key that grows threefold when repaired, nested under another, fills the path buffer
        /// to its worst case.
        @Test func repairedKeysAtWorstCaseGrowth() throws {
            let outer = [UInt8](repeating: 0xFF, count: 40_000)
            let inner = [UInt8](repeating: 0x80, count: 40_000)
            let text = Array(#"{""#.utf8) + outer + Array(#"":{""#.utf8) + inner + Array(#"":"#.utf8)
                + Array(#""x"}}"#.utf8)
            let replacement = String(repeating: "\u{FFFD}", count: 40_000)
            let path = "\(replacement).\(replacement)"
            let record = try #require(parseOne(text, schema: attributeSchema([path])))
            #expect(record.attribute(path) == "x")
            #expect(record.isRepaired)
        }

        @Test func oneParserReadsABigRecordThenSmallOnes() throws {
            let parser = RecordParser(schema: attributeSchema(["a"]))
            let big = "{\"a\":\"" + String(repeating: "x", count: 3_000_000) + "\"}"
            let (bigOutcome, bigRecords) = parseRecords(Array(big.utf8), parser: parser)
            #expect(bigOutcome == .records(1))
            #expect(bigRecords.first?.attributes["a"]?.bytes.count == 3_000_000)
            for index in 0..<100 {
                let (outcome, records) = parseRecords(Array("{\"a\":\"\\u0041\(index)\"}".utf8), parser: parser)
                #expect(outcome == .records(1))
                #expect(records.first?.attribute("a") == "A\(index)")
            }
            // A value from an earlier record never leaks into a later one.
            let (_, empty) = parseRecords(Array("{\"b\":1}".utf8), parser: parser)
            #expect(empty.first?.attributes["a"] == nil)
        }
    }
}
