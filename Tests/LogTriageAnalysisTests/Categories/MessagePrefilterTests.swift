import Foundation
import Testing
@testable import LogTriageAnalysis

extension Categories {
    /// Message patterns skip the search (and the regular expression) when a trigram filter or
    /// a literal the expression requires says the message cannot match; the results must be
    /// exactly those of searching every pattern.
    @Suite struct MessagePrefilterTests {
        @Test(arguments: [
            (#"\bcode = canceled\b"#, ["code = canceled"]),
            (#"sql ?state\W{0,4}53[0-9a-z]{3}\b"#, ["state"]),
            (#":\s*(unexpected )?eof\s*$"#, ["eof"]),
            (#"cancell?ed"#, ["cancel"]),
            (#"\b(404|410) Client Error\b"#, [" client error"]),
            (#"reply-code=(320|405|541)\b"#, ["reply-code="]),
            (#"\bexceeded\b.{0,40}\bquota\b"#, ["exceeded"]),
            (#"(ab|bcd)x"#, ["ab", "bcd"]),
            (#"statuscode\.x"#, ["statuscode.x"]),
            // Lookarounds require nothing of their own; `\xHH` is the character it codes.
            (#"(?=x)abc"#, ["abc"]),
            (#"\bname resolution\b(?! delay)"#, ["name resolution"]),
            (#"\binvalid\b(?!\s+(index|operation|state of))"#, ["invalid"]),
            (#"(?<!un)known host"#, ["known host"]),
            (#"invalid status code \x27(404|410|notfound)\x27"#, ["invalid status code '"]),
            (#"\b\d+: unexpected token at \x27"#, [": unexpected token at '"]),
            (#"code \x41BC"#, ["code abc"]),
            // As short as the other, a group of fewer alternatives is the rarer one.
            (#""(get|post|put|patch|delete|head|options) [^"]*" (404|410)\b"#, ["404", "410"]),
        ])
        func requiredLiterals(source: String, literals: [String]) {
            #expect(RegexLiterals.required(source)?.map { String(decoding: $0, as: UTF8.self) } == literals)
        }

        @Test(arguments: [#"(?>x)abc"#, #"\x{27}abc"#, #"\xZZabc"#, #"a|"#, #"(?i)abc"#, #"(a)\1"#, #"\p{L}+"#, "", #"[a-z]+"#, #"x*"#,
                          String(repeating: "(", count: 100_000) + "abc" + String(repeating: ")", count: 100_000)])
        func constructsNotUnderstoodGiveNoLiteral(source: String) {
            #expect(RegexLiterals.required(source) == nil)
        }

        /// Every built-in message pattern against real error lines, upper-cased copies and
        /// copies with a non-ASCII letter: the prefiltered match equals a plain search.
        @Test func prefilteredMatchesEqualPlainSearches() throws {
            let configuration = try TriageConfiguration.load(path: nil)
            let patterns = configuration.categoryRules.rules.flatMap(\.message) + configuration.invoiceStatePolicy.message
            #expect(patterns.count > 300)
            var messages = [
                "Invoice INV-1 not found at biller B009", "SQLSTATE 53300: too many connections", "rpc error: code = Canceled desc = x",
                "Request failed: 404 Client Error: Not Found for url", "unexpected EOF", "read tcp: ſtatus timeout",
                "Broken pipe while writing the response", "QUOTA was EXCEEDED for project", "invalid IBAN", "",
                "Invalid status code '404' from GET /x", "INVALID STATUS CODE 'Unauthorized'", "name resolution delay 3 s",
                "temporary failure in name resolution", "Invalid index 3", "invalid operation on a closed pool",
                "784: unexpected token at '<html>'",
            ]
            messages += messages.map { $0.uppercased() } + messages.map { "ſ " + $0 }
            for name in ["errors.jsonl", "held-out.jsonl", "held-out-2.jsonl"] {
                let corpus = RealWorldCorpus(fileName: name)
                if corpus.exists { messages += try corpus.lines().lines.map(\.message) }
            }
            let references = try patterns.map { try PlainSearch($0.text) }
            var matched = 0
            var mismatches: [String] = []
            for message in messages {
                let prepared = PreparedMessage(message)
                let lowercased = Array(message.lowercased().utf8)
                for (pattern, reference) in zip(patterns, references) {
                    let expected = reference.matches(message, lowercased: lowercased)
                    if pattern.matches(prepared) != expected { mismatches.append("\(pattern.text) on \(message)") }
                    if expected { matched += 1 }
                }
            }
            #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
            #expect(matched > 100)
        }

        /// A pattern searched the plain way: the regular expression on every message, the
        /// substring at every position of the lower-cased message.
        struct PlainSearch {
            let regex: NSRegularExpression?
            let needle: [UInt8]

            init(_ pattern: String) throws {
                if pattern.count >= 2, pattern.hasPrefix("/"), pattern.hasSuffix("/") {
                    regex = try NSRegularExpression(pattern: String(pattern.dropFirst().dropLast()), options: [.caseInsensitive])
                    needle = []
                } else {
                    regex = nil
                    needle = Array(pattern.lowercased().utf8)
                }
            }

            func matches(_ message: String, lowercased: [UInt8]) -> Bool {
                if let regex { return regex.firstMatch(in: message, range: NSRange(message.startIndex..., in: message)) != nil }
                return lowercased.withUnsafeBufferPointer { haystack in
                    Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: haystack.baseAddress ?? UnsafePointer(bitPattern: 1)!),
                         count: haystack.count, deallocator: .none).range(of: Data(needle)) != nil
                }
            }
        }
    }
}
