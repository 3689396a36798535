import Testing
@testable import LogTriageIngest
@testable import LogTriageAnalysis
import LogTriageTestSupport

extension Records {
    /// Record shapes beyond one plain object: Log API payloads, historical exports, and
    /// applications that log JSON inside `message`.
    @Suite struct RecordParserTests {
        static let schema: RecordSchema = try! TriageConfiguration.defaults().schema(extraAttributes: ["region", "tag"])

        // MARK: Log API payloads

        @Test func logAPIPayloadYieldsOneRecordPerLogWithCommonAttributesUnderneath() throws {
            let text = """
                {"common":{"attributes":{"service.name":"common-svc","hostname":"h1","billerId":"C","region":"eu"}},
                 "logs":[
                   {"timestamp":1731146400123,"message":"first","attributes":{"billerId":"L1"}},
                   {"message":"second","billerId":"L2","attributes":{"billerId":"A2","region":"us"}},
                   {"message":"third","service":{"name":"own-svc"}},
                   {"message":"fourth","attributes":{"entity.name":"entity-svc"}}
                 ]}
                """
            let (outcome, records) = parseRecords(text, schema: Self.schema)
            #expect(outcome == .records(4))
            try #require(records.count == 4)
            #expect(records.map { $0.string(.message) } == ["first", "second", "third", "fourth"])
            #expect(records.map { $0.string(.billerId) } == ["L1", "L2", "C", "C"])
            #expect(records.map { $0.string(.host) } == ["h1", "h1", "h1", "h1"])
            #expect(records.map { $0.attribute("region") } == ["eu", "us", "eu", "eu"])
            // A log's own value (in the log or its attributes) beats the common one, whichever
            // alias each uses.
            #expect(records.map { $0.string(.service) } == ["common-svc", "common-svc", "own-svc", "entity-svc"])
            #expect(records[0].timestampMilliseconds == 1_731_146_400_123)
            #expect(records[1].timestampMilliseconds == nil)
        }

        @Test func commonValuesNeverLeakBetweenPayloads() throws {
            let parser = RecordParser(schema: Self.schema)
            let first = #"{"common":{"attributes":{"billerId":"C"}},"logs":[{"message":"a"}]}"#
            let second = #"{"logs":[{"message":"b"}]}"#
            #expect(parseRecords(Array(first.utf8), parser: parser).1.first?.string(.billerId) == "C")
            let (outcome, records) = parseRecords(Array(second.utf8), parser: parser)
            #expect(outcome == .records(1))
            #expect(records.first?.string(.billerId) == nil)
            #expect(records.first?.string(.message) == "b")
        }

        @Test func emptyLogsYieldNoRecords() {
            #expect(parseRecords(#"{"common":{"attributes":{"a":1}},"logs":[]}"#, schema: Self.schema).0 == .records(0))
            #expect(parseRecords(#"{"logs":[ ]}"#, schema: Self.schema).0 == .records(0))
        }

        @Test func logsThatAreNotAnArrayAreAnOrdinaryAttribute() throws {
            let record = try #require(parseOne(#"{"logs":"none","message":"m"}"#, schema: Self.schema))
            #expect(record.string(.message) == "m")
        }

        @Test func invalidPayloadIsInvalidAsAWhole() {
            let (outcome, records) = parseRecords(#"{"logs":[{"message":"a"},{"message":}]}"#, schema: Self.schema)
            #expect(outcome.failureKind == .unexpectedByte)
            #expect(records.isEmpty)
        }

        /// A log that is not an object is skipped; it must not hide the logs after it.
        @Test func nonObjectLogIsSkippedWithoutLosingTheOthers() {
            let (outcome, records) = parseRecords(#"{"logs":[{"message":"a"},"stray",{"message":"b"},[1],{"message":"c"}]}"#,
                                                  schema: Self.schema)
            #expect(outcome == .records(3))
            #expect(records.map { $0.string(.message) } == ["a", "b", "c"])
            let (leading, leadingRecords) = parseRecords(#"{"logs":[7,{"message":"a"}]}"#, schema: Self.schema)
            #expect(leading == .records(1))
            #expect(leadingRecords.map { $0.string(.message) } == ["a"])
            #expect(parseRecords(#"{"logs":[1,2]}"#, schema: Self.schema).0.failureKind == .notAnObject)
        }

        /// Only a log whose own strings (or the common ones) were repaired is flagged.
        @Test func repairFlagBelongsToEachLog() {
            let text = Array(#"{"logs":[{"message":""#.utf8) + [0xFF] + Array(#""},{"message":"clean"}]}"#.utf8)
            let (outcome, records) = parseRecords(text, schema: Self.schema)
            #expect(outcome == .records(2))
            #expect(records.map(\.isRepaired) == [true, false])
            let common = Array(#"{"common":{"attributes":{"tag":"\udc00"}},"logs":[{"message":"a"},{"message":"b"}]}"#.utf8)
            #expect(parseRecords(common, schema: Self.schema).1.map(\.isRepaired) == [true, true])
        }

        @Test func logsCanThemselvesCarryJSONMessages() {
            let text = #"{"logs":[{"message":"{\"level\":\"error\",\"msg\":\"boom\"}"},{"message":"plain"}]}"#
            let (_, records) = parseRecords(text, schema: Self.schema)
            #expect(records.map(\.level) == ["ERROR", nil])
            #expect(records.map(\.embeddedMessageText) == ["boom", nil])
        }

        // MARK: Historical exports

        @Test func historicalExportReadsAttributesAsTheRecord() throws {
            let text = #"{"attributes":{"timestamp":1731146400123,"message":"m","level":"warning","error":{"class":"E"},"trace.id":"t1"},"#
                + #""messageId":"x"}"#
            let record = try #require(parseOne(text, schema: Self.schema))
            #expect(record.string(.message) == "m")
            #expect(record.level == "WARN")
            #expect(record.string(.errorClass) == "E")
            #expect(record.string(.traceId) == "t1")
            #expect(record.timestampMilliseconds == 1_731_146_400_123)
        }

        // MARK: JSON inside the message

        @Test func jsonMessageFillsOnlyWhatTheRecordLacks() throws {
            let text = #"{"message":"{\"level\":\"error\",\"msg\":\"payment failed\",\"billerId\":\"B9\",\"error\":{\"class\":\"Timeout\"}}","level":"info"}"#
            let record = try #require(parseOne(text, schema: Self.schema))
            #expect(record.level == "INFO", "the record's own level wins")
            #expect(record.fields[.level]?.fromMessageJSON == false)
            #expect(record.string(.billerId) == "B9")
            #expect(record.fields[.billerId]?.fromMessageJSON == true)
            #expect(record.string(.errorClass) == "Timeout")
            #expect(record.embeddedMessageText == "payment failed")
            #expect(record.string(.message)?.hasPrefix(#"{"level":"error""#) == true, "the original message is kept")
            #expect(record.fields[.message]?.fromMessageJSON == false)
        }

        @Test func embeddedMessageTextPrefersMessageOverMsg() throws {
            let record = try #require(parseOne(#"{"log":" {\"msg\":\"short\",\"message\":\"long\"} "}"#, schema: Self.schema))
            #expect(record.embeddedMessageText == "long")
            #expect(record.string(.message) == #" {"msg":"short","message":"long"} "#)
        }

        @Test func embeddedMessageKeepsEscapesAndNestedPaths() throws {
            let text = #"{"message":"{\"msg\":\"caf\\u00e9 \\\"quoted\\\"\",\"trace\":{\"id\":\"abc\"},\"attributes\":{\"region\":\"x\"}}"}"#
            let record = try #require(parseOne(text, schema: Self.schema))
            #expect(record.embeddedMessageText == "café \"quoted\"")
            #expect(record.string(.traceId) == "abc")
            #expect(record.attribute("region") == nil, "a message's attributes object is not lifted")
        }

        @Test(arguments: [#""not json""#, #""{broken""#, #""{\"level\":}""#, #""[1,2]""#, #""\"{}\"""#, "{\"level\":\"warn\"}"])
        func messageThatIsNotAJSONObjectAddsNothing(message: String) throws {
            let record = try #require(parseOne("{\"message\":\(message)}", schema: Self.schema), "\(message)")
            #expect(record.embeddedMessageText == nil)
            #expect(record.level == nil)
        }

        @Test func embeddedValuesDoNotLeakIntoTheNextRecord() {
            let parser = RecordParser(schema: Self.schema)
            let first = #"{"message":"{\"level\":\"error\",\"msg\":\"a\",\"billerId\":\"B\"}"}"#
            let second = #"{"message":"{\"msg\":\"b\"}"}"#
            let third = #"{"message":"plain"}"#
            let records = [first, second, third].compactMap { parseRecords(Array($0.utf8), parser: parser).1.first }
            #expect(records.map(\.level) == ["ERROR", nil, nil])
            #expect(records.map { $0.string(.billerId) } == ["B", nil, nil])
            #expect(records.map(\.embeddedMessageText) == ["a", "b", nil])
        }

        @Test func attributeReadsFallBackToTheMessageJSON() throws {
            let record = try #require(parseOne(#"{"message":"{\"region\":\"ap\",\"tag\":null}","tag":"own"}"#, schema: Self.schema))
            #expect(record.attribute("region") == "ap")
            #expect(record.attributes["region"]?.fromMessageJSON == true)
            #expect(record.attribute("tag") == "own")
        }
    }
}
