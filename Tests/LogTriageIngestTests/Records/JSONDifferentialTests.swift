import Foundation
import Testing
@testable import LogTriageIngest
import LogTriageTestSupport

extension Records {
    /// The scanner against Foundation's `JSONSerialization` on generated records and damaged
    /// copies of them (see `JSONReference` for where Foundation departs from RFC 8259).
    @Suite struct JSONDifferentialTests {
        /// What one seed's run covered, so a generator change that stops exercising a case fails.
        struct Coverage {
            var records = 0
            var comparedValues = 0
            var repairedRecords = 0
            var validMutants = 0
            var invalidMutants = 0
            var nonObjectTexts = 0
            var excludedMutants = 0
        }

        static let seeds: [UInt64] = [1, 2, 3, 5, 8, 13, 21, 34]
        static let recordsPerSeed = 700

        @Test(arguments: seeds)
        func generatedRecordsMatchFoundation(seed: UInt64) throws {
            var generator = JSONRecordGenerator(seed: seed)
            var coverage = Coverage()
            for _ in 0..<Self.recordsPerSeed {
                let text = generator.record()
                try compareValues(text, seed: seed, coverage: &coverage)
                for _ in 0..<3 { compareVerdict(generator.mutate(text), seed: seed, coverage: &coverage) }
                compareVerdict(generator.inject(text), seed: seed, coverage: &coverage)
                let other = generator.anyValue()
                compareVerdict(other, seed: seed, coverage: &coverage)
                compareVerdict(generator.mutate(other), seed: seed, coverage: &coverage)
            }
            #expect(coverage.records == Self.recordsPerSeed)
            #expect(coverage.comparedValues > Self.recordsPerSeed * 3)
            #expect(coverage.repairedRecords > 10)
            #expect(coverage.validMutants > 100)
            #expect(coverage.invalidMutants > Self.recordsPerSeed * 2)
            #expect(coverage.nonObjectTexts > Self.recordsPerSeed / 2)
            #expect(coverage.excludedMutants < Self.recordsPerSeed / 50)
        }

        /// Parses a generated record with every flattened path kept and compares each value
        /// with Foundation's.
        private func compareValues(_ text: [UInt8], seed: UInt64, coverage: inout Coverage) throws {
            let context = Comment(rawValue: "seed \(seed): \(Self.show(text))")
            guard case let .object(reference) = JSONReference.verdict(text) else {
                Issue.record("generator wrote an invalid record; \(context)")
                return
            }
            var expected: [(String, Any)] = []
            JSONReference.flatten(reference, into: &expected)
            var decoys = ["zz.absent"]
            for (path, value) in expected where !(value is [String: Any]) { decoys.append(path + ".x") }
            let schema = attributeSchema(expected.map(\.0) + decoys)
            let (outcome, records) = parseRecords(text, schema: schema)
            #expect(outcome == .records(1), context)
            guard let record = records.first else { return }
            coverage.records += 1
            let isRepaired = JSONReference.repaired(text) != text
            #expect(record.isRepaired == isRepaired, context)
            if isRepaired { coverage.repairedRecords += 1 }
            for decoy in decoys { #expect(record.attributes[decoy] == nil, "\(decoy); \(context)") }
            for (path, value) in expected {
                guard let ours = record.attributes[path] else {
                    Issue.record("missing \(path); \(context)")
                    continue
                }
                coverage.comparedValues += 1
                let what = Comment(rawValue: "\(path) = \(ours.text) (\(ours.kind)), Foundation \(value); \(context)")
                switch value {
                case is NSNull:
                    #expect(ours.kind == .null, what)
                case let string as String:
                    #expect(ours.kind == .string && ours.bytes == Array(string.utf8), what)
                case _ where JSONReference.isBool(value):
                    #expect(ours.kind == .bool && ours.text == ((value as! NSNumber).boolValue ? "true" : "false"), what)
                case let number as NSNumber:
                    #expect(ours.kind == .number, what)
                    let theirs = number.doubleValue
                    let mine = try #require(Double(ours.text), what)
                    #expect(mine == theirs || abs(mine - theirs) <= abs(theirs) * 1e-12, what)
                case is [String: Any], is [Any]:
                    #expect(ours.kind == (value is [Any] ? .array : .object), what)
                    let raw = try #require(JSONReference.parse(ours.bytes), what)
                    #expect(JSONReference.canonical(raw) == JSONReference.canonical(value), what)
                default:
                    Issue.record("unexpected Foundation value; \(what)")
                }
            }
        }

        /// Checks that the scanner and the reference agree on whether a text is a valid object.
        private func compareVerdict(_ text: [UInt8], seed: UInt64, coverage: inout Coverage) {
            let context = Comment(rawValue: "seed \(seed): \(Self.show(text))")
            let (outcome, records) = parseRecords(text, schema: attributeSchema([]))
            if case let .invalid(failure) = outcome {
                #expect((0...text.count).contains(failure.offset), context)
            }
            switch JSONReference.verdict(text) {
            case .excluded:
                coverage.excludedMutants += 1
            case .invalid:
                coverage.invalidMutants += 1
                #expect(outcome.failureKind != nil && outcome.failureKind != .notAnObject, "\(outcome); \(context)")
            case .nonObject:
                coverage.nonObjectTexts += 1
                #expect(outcome.failureKind == .notAnObject, "\(outcome); \(context)")
            case .object:
                coverage.validMutants += 1
                #expect(outcome == .records(1), context)
                #expect(records.first?.isRepaired == (JSONReference.repaired(text) != text), context)
            }
        }

        /// The scanner reads a string sixteen bytes at a time, then eight, then byte by byte: a
        /// stop (escape, non-ASCII or damaged byte, control byte) at every offset of keys and
        /// values up to 40 bytes long, with the string near the record's end and far from it,
        /// against Foundation. The generator's strings are at most 12 characters.
        @Test func stopsAtEveryOffsetOfLongStrings() throws {
            let stops: [[UInt8]] = [Array(#"\""#.utf8), Array(#"\\"#.utf8), Array(#"\n"#.utf8), Array(#"\u00e9"#.utf8),
                                    Array(#"\ud83d\ude00"#.utf8), Array(#"\ud800"#.utf8), Array("é".utf8),
                                    Array("\u{1F600}".utf8), [0xFF], [0xE2, 0x82], [0x01], [0x1F], [0x7F]]
            var coverage = Coverage()
            for length in 0...40 {
                for offset in 0...length {
                    for stop in stops {
                        let body = Array(repeating: UInt8(ascii: "a"), count: offset) + stop
                            + Array(repeating: UInt8(ascii: "b"), count: length - offset)
                        let string = [UInt8(ascii: "\"")] + body + [UInt8(ascii: "\"")]
                        let padding = Array(#","pad":"0123456789012345678901234567890123456789""#.utf8)
                        for text in [Array(#"{"k":"#.utf8) + string + [UInt8(ascii: "}")],
                                     Array(#"{"k":"#.utf8) + string + padding + [UInt8(ascii: "}")],
                                     [UInt8(ascii: "{")] + string + Array(#":1}"#.utf8),
                                     [UInt8(ascii: "{")] + string + Array(#":1"#.utf8) + padding + [UInt8(ascii: "}")]] {
                            if case .object = JSONReference.verdict(text) {
                                try compareValues(text, seed: 0, coverage: &coverage)
                            } else {
                                compareVerdict(text, seed: 0, coverage: &coverage)
                            }
                        }
                    }
                }
            }
            #expect(coverage.comparedValues > 20_000)
            #expect(coverage.invalidMutants > 2_000)
            #expect(coverage.repairedRecords > 3_000)
        }

        /// A text for failure messages: printable ASCII as is, other bytes as `\xNN`.
        static func show(_ bytes: [UInt8]) -> String {
            let shown = bytes.prefix(600).map { byte in
                (0x20..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : String(format: "\\x%02X", byte)
            }
            return shown.joined() + (bytes.count > 600 ? "…" : "")
        }

        // MARK: Fixed shapes

        @Test(arguments: JSONRecordGenerator.invalidValues)
        func invalidValueIsRejected(value: String) {
            for text in ["{\"k\":\(value)}", "{\"a\":1,\"k\":\(value)}", "{\"k\":[\(value)]}", "{\"o\":{\"k\":\(value)}}"] {
                let (outcome, records) = parseRecords(text, schema: attributeSchema(["k", "a"]))
                #expect(outcome.failureKind != nil && outcome.failureKind != .notAnObject, "\(text): \(outcome)")
                #expect(records.isEmpty)
            }
        }

        @Test(arguments: JSONRecordGenerator.invalidMembers)
        func invalidMemberIsRejected(member: String) {
            for text in ["{\(member)}", "{\"a\":1,\(member)}", "{\(member),\"a\":1}"] {
                #expect(parseRecords(text, schema: attributeSchema(["k"])).0.failureKind != nil, "\(text)")
            }
        }

        @Test(arguments: [
            ("{\"a\":1} {}", JSONSyntaxFailure.Kind.trailingContent), ("{\"a\":1}{\"b\":2}", .trailingContent),
            ("{} 1", .trailingContent), ("{}}", .trailingContent), ("", .unexpectedEnd), ("   ", .unexpectedEnd),
            ("{", .unexpectedEnd), ("{\"a\"", .unexpectedEnd), ("{\"a\":", .unexpectedEnd), ("{\"a\":1", .unexpectedEnd),
            ("{\"a\":\"x", .unterminatedString), ("{\"a\":1,}", .expectedKey), ("{\"a\":[1,]}", .unexpectedByte),
            ("{\"a\" 1}", .expectedColon), ("{\"a\":1 \"b\":2}", .expectedCommaOrBrace), ("{\"a\":[1 2]}", .expectedCommaOrBracket),
            ("{\"a\":tru}", .invalidLiteral), ("{\"a\":01}", .expectedCommaOrBrace), ("{\"a\":1.}", .invalidNumber),
            ("{\"a\":-}", .invalidNumber), ("{\"a\":+1}", .unexpectedByte), ("{\"a\":\"\\x\"}", .invalidEscape),
            ("{\"a\":\"\\u12\"}", .invalidEscape), ("{\"a\":\"\u{1}\"}", .controlCharacterInString),
            ("1", .notAnObject), ("\"s\"", .notAnObject), ("[]", .notAnObject), (" null ", .notAnObject),
            ("[1,2", .unexpectedEnd), ("\u{FEFF}{}", .unexpectedByte), ("{\"a\":1}\u{0}", .trailingContent),
        ])
        func failureKinds(text: String, kind: JSONSyntaxFailure.Kind) {
            #expect(parseRecords(text, schema: attributeSchema(["a"])).0.failureKind == kind, "\(text)")
        }

        @Test func failureOffsetPointsAtTheProblem() {
            #expect(parseRecords("  {\"a\":1,\"b\":x}", schema: attributeSchema([])).0
                == .invalid(JSONSyntaxFailure(kind: .unexpectedByte, offset: 13)))
            #expect(parseRecords("{\"a\":1} z", schema: attributeSchema([])).0
                == .invalid(JSONSyntaxFailure(kind: .trailingContent, offset: 8)))
            #expect(JSONSyntaxFailure(kind: .trailingContent, offset: 8).reason == "content after the json value at byte 9")
        }

        /// Foundation accepts trailing commas; RFC 8259 does not, and neither does the scanner.
        @Test func trailingCommasAreRejectedThoughFoundationAcceptsThem() throws {
            for text in ["{\"a\":1,}", "{\"a\":[1,2,]}", "{\"a\":{\"b\":1,}}"] {
                _ = try JSONSerialization.jsonObject(with: Data(text.utf8))
                #expect(parseRecords(text, schema: attributeSchema([])).0.failureKind != nil, "\(text)")
            }
        }

        /// Foundation rejects numbers beyond `Double`; RFC 8259 allows them and the scanner keeps
        /// their text as written.
        @Test func numbersBeyondDoubleAreKeptAsWritten() throws {
            let text = #"{"big":1e400,"small":-1E-400,"long":123456789012345678901234567890123456789012345678901234567890}"#
            #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: Data(text.utf8)) }
            let record = try #require(parseOne(text, schema: attributeSchema(["big", "small", "long"])))
            #expect(record.attribute("big") == "1e400")
            #expect(record.attribute("small") == "-1E-400")
            #expect(record.attributes["long"]?.kind == .number)
            #expect(record.attribute("long")?.count == 60)
        }
    }
}
