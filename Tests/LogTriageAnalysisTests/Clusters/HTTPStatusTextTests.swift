import Foundation
@testable import LogTriageAnalysis
import Testing
import LogTriageTestSupport

extension Clusters {
    /// The reading of `503 Service Unavailable` in a message's bytes, against the ICU regular
    /// expression it replaced (kept here as the reference) and against cases written out.
    @Suite struct HTTPStatusTextTests {
        /// What `HTTPStatusText` matched with before it read bytes, and the test `ClusterMessage`
        /// ran before it (three digits, one space, a capital), both as they were.
        enum Reference {
            static let phrased: NSRegularExpression = {
                let phrases = Set(HTTPStatusText.reasonPhrases.values.joined()).sorted { $0.count > $1.count }
                    .map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
                return try! NSRegularExpression(
                    pattern: #"(?<![\w.])([1-5]\d\d)(?:\s*:)?\s+("# + phrases + #")\b"#, options: [.caseInsensitive])
            }()

            /// The text before the first code followed by its own phrase, and the code.
            static func phrasedStatus(in text: String) -> (before: String, code: Int)? {
                let range = NSRange(text.startIndex..., in: text)
                for match in phrased.matches(in: text, range: range) {
                    guard let codeRange = Range(match.range(at: 1), in: text),
                          let phraseRange = Range(match.range(at: 2), in: text),
                          let code = Int(text[codeRange]) else { continue }
                    if HTTPStatusText.reasonPhrases[code]?.contains(text[phraseRange].lowercased()) == true {
                        return (String(text[..<codeRange.lowerBound]), code)
                    }
                }
                return nil
            }

            static func holdsCapitalisedStatus(_ bytes: [UInt8]) -> Bool {
                var digits = 0
                var afterDigits = false
                for byte in bytes {
                    if afterDigits, byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { return true }
                    afterDigits = false
                    if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                        digits += 1
                    } else {
                        afterDigits = digits == 3 && byte == 0x20
                        digits = 0
                    }
                }
                return false
            }

            static func masked(_ bytes: [UInt8], requiringCapitalisedStatus: Bool) -> (before: String, code: Int)? {
                if requiringCapitalisedStatus && !holdsCapitalisedStatus(bytes) { return nil }
                return phrasedStatus(in: String(decoding: bytes, as: UTF8.self))
            }
        }

        static func read(_ bytes: [UInt8], requiringCapitalisedStatus: Bool = false) -> (before: String, code: Int)? {
            bytes.withUnsafeBufferPointer { buffer in
                HTTPStatusText.phrasedStatus(in: buffer, requiringCapitalisedStatus: requiringCapitalisedStatus).map {
                    (String(decoding: UnsafeBufferPointer(rebasing: buffer[..<$0.start]), as: UTF8.self), $0.code)
                }
            }
        }

        static func read(_ text: String, requiringCapitalisedStatus: Bool = false) -> (before: String, code: Int)? {
            read(Array(text.utf8), requiringCapitalisedStatus: requiringCapitalisedStatus)
        }

        @Test(arguments: [
            ("GET /bills returned 503 Service Unavailable: <html>busy</html>", "GET /bills returned ", 503),
            ("401 UNAUTHORIZED", "", 401),
            ("call failed: 502 Bad Gateway", "call failed: ", 502),
            ("then 504 gateway time-out, retrying", "then ", 504),
            ("500 Bad Gateway, then 502 Bad Gateway", "500 Bad Gateway, then ", 502),
            ("v2/503 Service Unavailable", "v2/", 503),
            ("(503: Service Unavailable)", "(", 503),
            ("503 \t Service Unavailable.", "", 503),
            ("answer 503\u{3000}Service Unavailable", "answer ", 503),
            ("answer 503\u{85}Service Unavailable", "answer ", 503),
            ("😀503 Service Unavailable", "😀", 503),
            ("423 LOC\u{212A}ED", "", 423),
            ("413 Request Entity Too Large", "", 413),
        ])
        func aCodeFollowedByItsOwnPhraseIsRead(text: String, before: String, code: Int) {
            let read = Self.read(text)
            #expect(read?.before == before)
            #expect(read?.code == code)
            #expect(Reference.phrasedStatus(in: text).map { "\($0.before)|\($0.code)" } == "\(before)|\(code)")
        }

        @Test(arguments: [
            "took 620 ms", "500 Bad Gateway", "x503 Service Unavailable", "1.503 Service Unavailable",
            "é503 Service Unavailable", "5033 Service Unavailable", "503 :Service Unavailable", "503Service Unavailable",
            "503\u{200B}Service Unavailable", "503 Service Unavailablex", "503 Service Unavailable_",
            "503 Service Unavailable\u{301}", "503 Service Unavailable\u{AD}", "503 Service Unavailable\u{200D}",
            "415 Un\u{17F}upported Media Type", "4\u{662}3 Locked", "\u{664}23 Locked", "603 Service Unavailable",
        ])
        func otherNumbersAndWordsAreNot(text: String) {
            #expect(Self.read(text) == nil)
            #expect(Reference.phrasedStatus(in: text) == nil)
        }

        @Test func theClusterTextIsMaskedOnlyWithACapitalisedStatusSomewhere() {
            #expect(Self.read("returned 503 service unavailable", requiringCapitalisedStatus: true) == nil)
            #expect(Self.read("returned 503 service unavailable")?.code == 503)
            #expect(Self.read("returned 503: Service Unavailable", requiringCapitalisedStatus: true) == nil)
            #expect(Self.read("after 200 OK, 503: Service Unavailable", requiringCapitalisedStatus: true)?.code == 503)
            #expect(Self.read("503 service unavailable, then 404 Not found", requiringCapitalisedStatus: true)?.code == 503)
        }

        /// Texts pieced together from attempts at a status (a neighbour, a code, a separator, a
        /// phrase in some case, a neighbour) and other pieces, with (in a quarter of them) bytes
        /// that are not UTF-8.
        @Test func theByteReadingAgreesWithTheRegularExpression() {
            let neighbours = [
                "", "", " ", ".", "_", "-", "/", "x", "7", "é", "\u{301}", "\u{AD}", "\u{200D}", "\u{660}", "😀", "中", "A",
                ",", "ß", "\u{FFFD}",
            ].map { Array($0.utf8) }
            let codes = ["503", "502", "504", "401", "500", "404", "423", "413", "422", "620", "5033", "12", "4\u{662}3"]
                .map { Array($0.utf8) }
            let separators = [" ", " ", ": ", " : ", "\t", "\u{3000}", "\u{85}", "\u{A0}", "", " :", ":", "\u{200B}", "\n", "  "]
                .map { Array($0.utf8) }
            let phrases = [
                "Service Unavailable", "service unavailable", "SERVICE UNAVAILABLE", "Service Temporarily Unavailable",
                "Bad Gateway", "bad gateway", "Gateway Timeout", "gateway time-out", "Not Found", "Unauthorized",
                "LOCKED", "LOC\u{212A}ED", "Lo", "Un\u{17F}upported Media Type", "Request Entity Too Large",
                "Unprocessable Entity", "Service", "Bad Request", "Too Many Requests",
            ].map { Array($0.utf8) }
            let pairs = [
                ("503", "Service Unavailable"), ("503", "service unavailable"), ("503", "SERVICE UNAVAILABLE"),
                ("503", "Service Temporarily Unavailable"), ("502", "Bad Gateway"), ("502", "bad gateway"),
                ("504", "Gateway Timeout"), ("504", "gateway time-out"), ("404", "Not Found"), ("401", "Unauthorized"),
                ("423", "LOCKED"), ("423", "LOC\u{212A}ED"), ("413", "Request Entity Too Large"),
                ("422", "Unprocessable Entity"), ("400", "Bad Request"), ("429", "Too Many Requests"),
                ("415", "Un\u{17F}upported Media Type"),
            ].map { (Array($0.0.utf8), Array($0.1.utf8)) }
            let others = ["took ", "620 ms", "id 42 ", "call failed", " then ", "ok"].map { Array($0.utf8) }
            let invalid: [[UInt8]] = [[0xFF], [0xC3], [0x80], [0xE2, 0x84], [0xF0, 0x9F], [0xED, 0xA0, 0x80]]
            var generator = SplitMix64(seed: 11)
            func any(_ choices: [[UInt8]]) -> [UInt8] { choices[generator.int(0...(choices.count - 1))] }
            var found = 0, masked = 0
            for round in 0..<20_000 {
                var bytes: [UInt8] = []
                for _ in 0..<generator.int(1...4) {
                    if generator.chance(60) {
                        let (code, phrase) = generator.chance(70) ? pairs[generator.int(0...(pairs.count - 1))]
                            : (any(codes), any(phrases))
                        bytes += any(neighbours) + code + any(separators) + phrase + any(neighbours)
                    } else {
                        bytes += any(others)
                    }
                    if round % 4 == 0 && generator.chance(30) { bytes += any(invalid) }
                }
                for requiring in [false, true] {
                    let ours = Self.read(bytes, requiringCapitalisedStatus: requiring)
                    let theirs = Reference.masked(bytes, requiringCapitalisedStatus: requiring)
                    #expect(ours?.before == theirs?.before && ours?.code == theirs?.code,
                            "\(bytes) requiring \(requiring): \(String(describing: ours)) against \(String(describing: theirs))")
                    if theirs != nil { if requiring { masked += 1 } else { found += 1 } }
                }
            }
            #expect(found > 1_500, "the texts hold statuses to find")
            #expect(masked > 400, "and some to mask")
        }
    }
}
