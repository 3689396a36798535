import Foundation
import Testing
@testable import LogTriageAlerts

extension NRQL {
    /// `RLIKE` through RE2: NRQL's syntax, whole-value matching, and answers a backtracking
    /// engine gives up on.
    @Suite struct RegexPatternTests {
        @Test("RE2's syntax is accepted where a backtracking engine's differs")
        func acceptsRE2Syntax() throws {
            let named = try NRQLRegexPattern(validating: "(?P<status>5[0-9]{2}) .*")
            #expect(named.matches("503 Service Unavailable"))
            #expect(!named.matches("200 OK"))
            let folded = try NRQLRegexPattern(validating: "(?i)read TIMED out")
            #expect(folded.matches("Read timed out"))
            let letters = try NRQLRegexPattern(validating: "\\pL+")
            #expect(letters.matches("Zahlungsfehlerübersicht"))
            #expect(!letters.matches("B017"))
        }

        @Test("what RE2 refuses is refused with its reason", arguments: [
            ("(a)\\1", "invalid escape sequence"),
            ("(?=a)b", "invalid perl operator"),
            ("(", "missing )"),
            ("a{1001}", "invalid repetition size"),
            // A thousand copies of every letter of Unicode: past the memory a pattern may take.
            ("\\pL{1000}", "pattern too large"),
        ])
        func refuses(pattern: String, reason: String) {
            #expect(NRQLRegexPattern(pattern) == nil)
            #expect(throws: NRQLRegexPattern.Invalid.self) { try NRQLRegexPattern(validating: pattern) }
            do {
                _ = try NRQLRegexPattern(validating: pattern)
            } catch {
                #expect(error.reason.contains(reason), "\(pattern): \(error.reason)")
            }
        }

        @Test("a condition whose RLIKE RE2 refuses does not parse, and says why")
        func parserNamesTheReason() {
            #expect {
                try NRQLQuery.parse("SELECT count(*) FROM Log WHERE message RLIKE '(a)\\1'", condition: "c")
            } throws: { error in
                "\(error)".contains("invalid regular expression after RLIKE (invalid escape sequence: \\1)")
            }
        }

        @Test("the whole value must match, and . crosses line breaks")
        func wholeValue() throws {
            let middle = try NRQLRegexPattern(validating: "timed out")
            #expect(!middle.matches("Read timed out"))
            #expect(try NRQLRegexPattern(validating: ".*timed out").matches("Read timed out"))
            #expect(try NRQLRegexPattern(validating: "first.*second line").matches("first line\nsecond line"))
            #expect(try NRQLRegexPattern(validating: "").matches(""))
            #expect(!(try NRQLRegexPattern(validating: "").matches("x")))
        }

        /// Patterns that make a backtracking engine explore exponentially many ways before the
        /// answer: `NSRegularExpression` gave up on these after about 0.7 s a value and reported
        /// no match, so a condition counted nothing. The answers here are worked out by hand.
        @Test("catastrophic patterns get their right answer", arguments: [
            // Only the second alternative matches, after the first has failed every split.
            ("(a|aa)*c|a*", "a", 5_000, "", true),
            ("(.|.)*z", "x", 5_000, "", false),
            ("(.|.)*z", "x", 5_000, "z", true),
            ("((.*)*)*!", "word ", 2_000, "", false),
            ("(\\w+\\s?)*", "word ", 2_000, "!", false),
            ("(\\w+\\s?)*", "word ", 2_000, "", true),
        ])
        func catastrophic(pattern: String, unit: String, repeats: Int, end: String, expected: Bool) throws {
            let value = String(repeating: unit, count: repeats) + end
            #expect(try NRQLRegexPattern(validating: pattern).matches(value) == expected)
        }

        /// The reference: `LIKE`, matched by its own code. For every real error line of the
        /// corpus, `LIKE` patterns cut from the line (its start, its end, a middle run of
        /// characters, regular-expression metacharacters included) are matched against every
        /// line, and the same patterns written as regular expressions (`%` as `.*`, every other
        /// character quoted) must give the same answers.
        @Test("LIKE patterns written as RLIKE give LIKE's answers on real error lines")
        func agreesWithLike() throws {
            let lines = try Self.realErrorLines()
            try #require(lines.count > 800)
            var patterns: Set<String> = []
            for (index, line) in lines.enumerated() where index % 7 == 0 {
                let characters = Array(line)
                guard characters.count > 12 else { continue }
                let start = characters.count / 3
                patterns.insert(String(characters[..<8]) + "%")
                patterns.insert("%" + String(characters[(characters.count - 8)...]))
                patterns.insert("%" + String(characters[start..<(start + 6)]) + "%")
                patterns.insert(String(characters[..<4]) + "%" + String(characters[start..<(start + 3)]) + "%")
            }
            var agreements = 0, matches = 0
            for text in patterns.sorted() {
                let like = NRQLLikePattern(text)
                let regex = try NRQLRegexPattern(validating: Self.regex(ofLike: text))
                for line in lines {
                    let expected = like.matches(line)
                    #expect(regex.matches(line) == expected, "\(text) on \(line)")
                    agreements += 1
                    if expected { matches += 1 }
                }
            }
            // Enough of both answers to mean something.
            #expect(matches > 500)
            #expect(agreements - matches > 100_000)
        }

        /// `LIKE`'s pattern as a regular expression: `%` as `.*`, every other character quoted
        /// (a backslash before anything but a letter, a digit or a non-ASCII character).
        static func regex(ofLike like: String) -> String {
            var regex = ""
            for character in like {
                if character == "%" {
                    regex += ".*"
                } else if character.isASCII && !(character.isLetter || character.isNumber) {
                    regex += "\\" + String(character)
                } else {
                    regex.append(character)
                }
            }
            return regex
        }

        /// The messages of the real-error corpus (`Tests/Fixtures/RealWorldErrors`).
        static func realErrorLines() throws -> [String] {
            let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Fixtures/RealWorldErrors")
            var messages: [String] = []
            for name in ["errors.jsonl", "held-out.jsonl", "held-out-2.jsonl"] {
                let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                for line in text.split(whereSeparator: \.isNewline) {
                    guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                          let message = object["message"] as? String else { continue }
                    messages.append(message)
                }
            }
            return messages
        }
    }
}
