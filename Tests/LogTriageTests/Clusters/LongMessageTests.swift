import Foundation
import Testing
@testable import LogTriageAnalysis
@testable import LogTriageReports
import LogTriageTestSupport

extension Clusters {
    /// A megabyte message costs what its first kilobytes do (`TextLimits`): templates keep a
    /// bounded number of tokens, examples a bounded length, and rules read a bounded prefix.
    @Suite struct LongMessageTests {
        /// `count` distinct lower-case words without digits, so masking keeps them all.
        static func words(_ count: Int, seed: Int) -> [String] {
            (0..<count).map { index in
                var value = index &* 2_654_435_761 &+ seed &* 40_503
                var word = ""
                for _ in 0..<6 {
                    word.append(Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(abs(value % 26)))))
                    value /= 26
                }
                return word
            }
        }

        @Test func templatesKeepAtMostMaxTokensAndTheRestIsOneVariable() {
            let miner = TemplateMiner()
            let head = Self.words(TextLimits.templateTokens - 1, seed: 1).joined(separator: " ")
            let first = miner.add("Payment failed: " + head + " " + Self.words(500, seed: 2).joined(separator: " "))
            let second = miner.add("Payment failed: " + head + " " + Self.words(700, seed: 3).joined(separator: " "))
            #expect(miner.finalID(of: first) == miner.finalID(of: second))
            let tokens = miner.template(of: first).split(separator: " ")
            #expect(tokens.count == TextLimits.templateTokens)
            #expect(tokens.last == "<*>")
            // A message within the limit keeps every word.
            let short = miner.add("Payment failed: " + Self.words(20, seed: 4).joined(separator: " "))
            #expect(!miner.template(of: short).contains("<*>"))
        }

        @Test func maskedTokensLimitMergesATrailingVariable() {
            var tokens = MaskedTokens()
            Array("a b c 12 34 56 x".utf8).withUnsafeBufferPointer { VariableMasker().mask($0, into: &tokens) }
            tokens.limit(to: 4)
            #expect((0..<tokens.count).map { tokens.text(at: $0) } == ["a", "b", "c", "<*>"])
            tokens.limit(to: 2)
            #expect((0..<tokens.count).map { tokens.text(at: $0) } == ["a", "<*>"])
        }

        @Test func aMegabyteMessageMakesABoundedClusterAndExample() throws {
            let long = "Payment failed: " + Self.words(150_000, seed: 5).joined(separator: " ")
            #expect(long.utf8.count > 1_000_000)
            let fixture = try ClusterFixture([
                ["timestamp": 1_794_182_400_000, "level": "ERROR", "service.name": "pump", "message": long],
                ["timestamp": 1_794_182_460_000, "level": "ERROR", "service.name": "pump", "message": "Connection refused: ledger:5432 é"],
            ])
            defer { fixture.fixtures.remove() }
            let clusters = try fixture.analyze().clustering.clusters
            #expect(clusters.count == 2)
            let cluster = try #require(clusters.first { $0.template.hasPrefix("Payment failed:") })
            #expect(cluster.template.split(separator: " ").count == TextLimits.templateTokens)
            #expect(cluster.exampleMessage.count == TextLimits.exampleCharacters)
            #expect(cluster.exampleMessage.hasSuffix("…"))
            #expect(long.hasPrefix(String(cluster.exampleMessage.dropLast())))
            // The short message's example is kept whole.
            #expect(clusters.contains { $0.exampleMessage == "Connection refused: ledger:5432 é" })
        }

        /// The example is the text's first characters (graphemes), however it is computed: long
        /// ASCII, a carriage return or a combining mark at the cut, text that is not ASCII.
        @Test func examplesCutAtTheSameCharacterAsGraphemeCounting() {
            let limit = TextLimits.exampleCharacters
            let ascii = String(repeating: "ab", count: limit)
            let head = String(ascii.prefix(limit))
            let shorter = String(ascii.prefix(limit - 1))
            var cases: [String] = [ascii, head, String(ascii.prefix(limit + 1))]
            cases.append(head + "\u{301}")
            cases.append(head + "\u{301}x")
            cases.append(shorter + "\r\ntail")
            cases.append(String(ascii.prefix(limit - 2)) + "\r\ntail")
            cases.append(head + "\r\n")
            cases.append(String(repeating: "é", count: limit + 3))
            cases.append(String(repeating: "x", count: limit - 1) + "é" + String(repeating: "y", count: 10))
            for text in cases {
                let expected = text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
                #expect(TextLimits.example(text) == expected, "\(text.utf8.count) bytes ending \(String(text.suffix(3)).debugDescription)")
            }
        }

        @Test func rulesReadTheFirstKilobytesOfAMessage() {
            let filler = String(repeating: "x ", count: TextLimits.ruleTextBytes)
            let early = ExceptionEvidence(message: "Connection refused " + filler)
            let late = ExceptionEvidence(message: filler + "Connection refused")
            #expect(early.messages.allSatisfy { $0.utf8.count <= TextLimits.ruleTextBytes })
            #expect(early.messages.first?.hasPrefix("Connection refused") == true)
            #expect(late.messages.allSatisfy { !$0.contains("Connection refused") })
        }

        @Test func prefixesCutAtACharacterBoundary() {
            let text = String(repeating: "é", count: 10)
            #expect(TextLimits.prefix(text, bytes: 5) == "éé")
            #expect(TextLimits.prefix(text, bytes: 6) == "ééé")
            #expect(TextLimits.prefix("short", bytes: 100) == "short")
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                #expect(TextLimits.prefix(buffer, limit: 5).count == 4)
                #expect(TextLimits.prefix(buffer, limit: 100).count == 20)
            }
        }

        @Test func stackLinesEndingInCRLFAreLinesToo() {
            let evidence = ExceptionEvidence(
                errorStack: "java.net.SocketTimeoutException: Read timed out\r\n\tat com.acme.pay.Gateway.send(Gateway.java:42)\r\n"
                    + "Caused by: java.io.IOException: reset\r\n\tat com.acme.pay.Gateway.read(Gateway.java:7)")
            #expect(evidence.classChain == ["java.net.SocketTimeoutException", "java.io.IOException"])
            #expect(evidence.frames == ["Gateway.send", "Gateway.read"])
        }
    }
}
