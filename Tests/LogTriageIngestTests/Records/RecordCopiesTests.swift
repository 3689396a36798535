import Testing
@testable import LogTriageIngest
import LogTriageTestSupport

extension Records {
    /// A stage behind the read reads copies of the records (`RecordCopies`) through a view of
    /// its own (`RecordReplay`): every reading must equal the reading of the record itself,
    /// long after the input and the parser have moved on.
    @Suite struct RecordCopiesTests {
        static let schema = RecordSchema(
            aliases: [.timestamp: ["timestamp"], .message: ["message", "msg"], .level: ["level", "log.level"],
                      .service: ["service", "entity.name"], .errorClass: ["error.class"], .billerId: ["billerId"],
                      .durationMs: ["durationMs"]],
            extraAttributes: ["http.path", "queue", "tags.team"])

        /// Lines that exercise what a view can hold: escapes still to decode, invalid UTF-8
        /// (repaired), a JSON message with fields of its own, a Log API payload with common
        /// attributes, nulls, nested objects, aliases, and records that lack what the one
        /// before had.
        static let fixedLines: [[UInt8]] = [
            #"{"timestamp":1700000000000,"message":"plain","level":"error","service":"pay","billerId":"B1","durationMs":12.5}"#,
            #"{"timestamp":"2023-11-14T22:13:21Z","message":"tab\there \"quoted\" \u00e9","log.level":"WARN","entity.name":"pump"}"#,
            #"{"timestamp":1700000001,"message":"{\"msg\":\"inner text\",\"billerId\":\"B9\",\"error.class\":\"Timeout\"}","service":"gw"}"#,
            #"{"common":{"attributes":{"service":"api","queue":"q1"}},"logs":[{"timestamp":1700000002000,"message":"first"},{"timestamp":1700000003000,"message":"second","service":"own","queue":null}]}"#,
            #"{"message":null,"level":"INFO","tags":{"team":"sre"},"http":{"path":"/v1/pay"}}"#,
            #"{"timestamp":1700000004000}"#,
        ].map { Array($0.utf8) } + [
            Array(#"{"timestamp":1700000005000,"message":"bad "#.utf8) + [0xFF, 0xC3] + Array(#" bytes","service":"pay"}"#.utf8),
        ]

        /// Random records over the same attributes, so that slots appear and disappear.
        static func randomLines(count: Int, seed: UInt64) -> [[UInt8]] {
            var random = SplitMix64(seed: seed)
            return (0..<count).map { index in
                var fields: [String] = []
                if random.chance(90) { fields.append("\"timestamp\":\(1_700_000_000_000 + index * 997)") }
                if random.chance(80) {
                    let text = random.chance(20) ? "{\\\"msg\\\":\\\"embedded \(index)\\\",\\\"durationMs\\\":\(index)}"
                        : "call \(index) failed \\u00fc \\\\ \(random.int(0...9_999))"
                    fields.append("\"\(random.chance(50) ? "message" : "msg")\":\"\(text)\"")
                }
                if random.chance(70) { fields.append("\"\(random.pick(["level", "log.level"]))\":\"\(random.pick(["ERROR", "warn", "Info"]))\"") }
                if random.chance(70) { fields.append("\"\(random.pick(["service", "entity.name"]))\":\"svc\(random.int(0...5))\"") }
                if random.chance(30) { fields.append("\"billerId\":\(random.chance(50) ? "null" : "\"B\(random.int(0...20))\"")") }
                if random.chance(30) { fields.append("\"error\":{\"class\":\"E\(random.int(0...3))\"}") }
                if random.chance(20) { fields.append("\"queue\":\"q\(random.int(0...3))\"") }
                return Array("{\(fields.joined(separator: ","))}".utf8)
            }
        }

        @Test func aReplayedCopyReadsExactlyAsTheRecordDid() throws {
            let lines = Self.fixedLines + Self.randomLines(count: 2_000, seed: 11)
            let parser = RecordParser(schema: Self.schema)
            let copies = RecordCopies()
            var originals: [CapturedRecord] = []
            var positions: [RecordPosition] = []
            for (number, line) in lines.enumerated() {
                // Each line in its own allocation, overwritten once parsed: a copy must not
                // point into the input.
                let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: line.count)
                buffer.initialize(from: line, count: line.count)
                let outcome = parser.parse(UnsafePointer(buffer), count: line.count) { view in
                    view.position = .line(number + 1)
                    // Half copied before anything is read (strings still to decode), half after
                    // (strings decoded in the parser's arena).
                    if originals.count % 2 == 0 {
                        copies.append(view)
                        originals.append(CapturedRecord(view))
                    } else {
                        originals.append(CapturedRecord(view))
                        copies.append(view)
                    }
                    positions.append(view.position)
                }
                #expect(outcome.failureKind == nil, "line \(number + 1)")
                buffer.update(repeating: 0x20, count: line.count)
                buffer.deallocate()
            }
            #expect(copies.count == originals.count)
            #expect(originals.count == lines.count + 1, "the Log API payload holds two records")
            #expect(originals.contains { $0.isRepaired } && originals.contains { $0.embeddedMessageText != nil })

            let replay = RecordReplay(schema: Self.schema)
            // Twice, in another order the second time: a replayed record does not depend on the one before.
            for order in [Array(0..<copies.count), Array((0..<copies.count).reversed())] {
                for index in order {
                    let view = replay.view(of: index, in: copies)
                    #expect(view.position == positions[index])
                    let again = CapturedRecord(view)
                    #expect(again == originals[index], "record \(index)")
                }
            }
        }

        /// The contexts' worker hands its copies back for the next batch: emptied, they must
        /// read the next batch's records exactly, whether they kept their room or gave back an
        /// outsized record's.
        @Test func copiesEmptiedForReuseReadTheNextBatchExactly() throws {
            let parser = RecordParser(schema: Self.schema)
            let copies = RecordCopies()
            let replay = RecordReplay(schema: Self.schema)
            let outsized = Array(#"{"timestamp":1700000006000,"message":""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: 300_000)
                + Array(#"","service":"big"}"#.utf8)
            let batches = [Self.fixedLines, Self.randomLines(count: 500, seed: 13), [outsized] + Self.randomLines(count: 50, seed: 14),
                           Self.randomLines(count: 500, seed: 15)]
            for (number, lines) in batches.enumerated() {
                copies.removeAll(retainingAtMost: 100_000)
                var originals: [CapturedRecord] = []
                for line in lines {
                    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: line.count)
                    buffer.initialize(from: line, count: line.count)
                    _ = parser.parse(UnsafePointer(buffer), count: line.count) { view in
                        copies.append(view)
                        originals.append(CapturedRecord(view))
                    }
                    buffer.update(repeating: 0x20, count: line.count)
                    buffer.deallocate()
                }
                #expect(copies.count == originals.count, "batch \(number)")
                for index in 0..<copies.count {
                    #expect(CapturedRecord(replay.view(of: index, in: copies)) == originals[index], "batch \(number), record \(index)")
                }
            }
        }

        /// A stage that reads a few attributes has only their slots copied: the copy reads
        /// those exactly as the record did, and nothing of the rest (a message, a stack trace).
        @Test func aCopyKeepingSomeSlotsReadsThoseAndNothingElse() throws {
            let lines = Self.fixedLines + Self.randomLines(count: 1_000, seed: 12)
            let schema = Self.schema
            let kept = Set(schema.slots(of: .service) + schema.slots(of: .billerId) + [schema.slot(ofAttribute: "queue")!])
            let keptPaths = Set(kept.map { schema.keptPaths[$0] })
            let parser = RecordParser(schema: schema)
            let copies = RecordCopies(keeping: kept)
            var originals: [CapturedRecord] = []
            for (number, line) in lines.enumerated() {
                let outcome = line.withUnsafeBufferPointer { buffer in
                    parser.parse(buffer.baseAddress!, count: buffer.count) { view in
                        copies.append(view)
                        originals.append(CapturedRecord(view))
                    }
                }
                #expect(outcome.failureKind == nil, "line \(number + 1)")
            }
            let replay = RecordReplay(schema: schema)
            var readOthers = 0
            for index in 0..<copies.count {
                let again = CapturedRecord(replay.view(of: index, in: copies))
                let original = originals[index]
                #expect(again.attributes == original.attributes.filter { keptPaths.contains($0.key) }, "record \(index)")
                #expect(again.fields[.service] == original.fields[.service], "record \(index)")
                #expect(again.fields[.billerId] == original.fields[.billerId], "record \(index)")
                #expect(again.fields[.message] == nil && again.fields[.level] == nil && again.fields[.errorClass] == nil,
                        "record \(index)")
                if original.fields[.message] != nil { readOthers += 1 }
            }
            #expect(readOthers > 500, "most records had a message that was not copied")
        }
    }
}
