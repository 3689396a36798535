import Testing
@testable import LogTriageIngest
import LogTriageTestSupport

extension Records {
    /// `LevelNormalizer.known` reads a level in place; it must name exactly the levels the
    /// normalised string names, for every spelling, case, padding and stray byte.
    @Suite struct KnownLevelTests {
        static let names: [String: LevelNormalizer.Known] = [
            "ERROR": .error, "FATAL": .fatal, "CRITICAL": .critical, "SEVERE": .severe, "WARN": .warn,
        ]

        /// The reference: the normalised string, looked up among the names.
        static func reference(_ bytes: [UInt8]) -> LevelNormalizer.Known? {
            names[bytes.withUnsafeBufferPointer { LevelNormalizer.normalize($0) }]
        }

        static func known(_ bytes: [UInt8]) -> LevelNormalizer.Known? {
            bytes.withUnsafeBufferPointer { LevelNormalizer.known($0) }
        }

        @Test(arguments: [
            ("error", LevelNormalizer.Known.error), ("Err", .error), ("e", .error), ("50", .error), (" E R R O R ", .error),
            ("fatal", .fatal), ("F", .fatal), ("emergency", .fatal), ("Panic", .fatal), ("60", .fatal),
            ("crit", .critical), ("CRITICAL", .critical), ("severe", .severe), ("warning", .warn), ("w", .warn), ("40", .warn),
        ])
        func spellingsAreKnown(text: String, level: LevelNormalizer.Known) {
            #expect(Self.known(Array(text.utf8)) == level)
        }

        @Test(arguments: ["INFO", "notice", "30", "debug", "trace", "custom", "", "ERRORS", "EMERGENCYX", "E\u{0}", "\u{0}E",
                          "érror", "WARNINGWARN", "5", "500"])
        func otherLevelsAreNot(text: String) {
            #expect(Self.known(Array(text.utf8)) == nil)
            #expect(Self.reference(Array(text.utf8)) == nil)
        }

        /// The common names read in place give what the upper-cased string gives, for them in
        /// any case and for near misses: padded, too short or long, stray and non-ASCII bytes.
        @Test func commonNamesReadInPlaceAreTheNormalisedOnes() {
            var random = SplitMix64(seed: 0x1E7E2)
            let alphabet = Array("ERORWANIFDBUGTCLeroawnifdbugtcl \u{0}\u{7F}".utf8) + [0xC3, 0xA9, 0xFF]
            let names = ["INFO", "ERROR", "WARN", "DEBUG", "TRACE", "FATAL", "CRITICAL", "WARNING", "ERRORS", "INF"]
            var matched = 0
            for round in 0..<30_000 {
                var bytes = Array(names[round % names.count].utf8)
                if round % 3 > 0 {
                    for index in bytes.indices where random.next() % 2 == 0 { bytes[index] |= 0x20 }
                }
                if round % 5 == 0 {
                    bytes[Int(random.next() % UInt64(bytes.count))] = alphabet[Int(random.next() % UInt64(alphabet.count))]
                }
                if round % 7 == 0 { bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: 0) }
                let normalized = bytes.withUnsafeBufferPointer { LevelNormalizer.normalize($0) }
                #expect(normalized == bytes.withUnsafeBufferPointer { LevelNormalizer.upperCasedName($0) }, "\(bytes)")
                if ["INFO", "ERROR", "WARN", "DEBUG", "TRACE", "FATAL", "CRITICAL"].contains(normalized) { matched += 1 }
            }
            #expect(matched > 10_000 && matched < 30_000)
        }

        /// The three most frequent levels that are none of the known ones are told apart by
        /// their packed literals first: those must be the packs of their names.
        @Test func frequentOtherLevelsArePackedRight() {
            func pack(_ text: String) -> UInt64 { text.utf8.reduce(0) { $0 << 7 | UInt64($1) } }
            #expect(LevelNormalizer.info == pack("INFO"))
            #expect(LevelNormalizer.debug == pack("DEBUG"))
            #expect(LevelNormalizer.trace == pack("TRACE"))
        }

        /// Every spelling the normaliser knows, in random case with random spaces, and random
        /// bytes drawn mostly from the letters those spellings use (so near misses are common).
        @Test func agreesWithTheNormalisedString() {
            var random = SplitMix64(seed: 0x1E7E1)
            let spellings = ["ERROR", "WARN", "INFO", "DEBUG", "TRACE", "FATAL", "CRITICAL", "SEVERE", "WARNING", "W", "ERR", "E",
                             "INFORMATION", "INFORMATIONAL", "I", "NOTICE", "DBG", "D", "FINE", "FINER", "FINEST", "TRC", "T",
                             "CRIT", "F", "EMERG", "EMERGENCY", "PANIC", "10", "20", "30", "40", "50", "60"]
            let alphabet = Array("ERRORWARNFATALCRITICALSEVEREMGPYCNIe rwf0456\u{0}".utf8) + [0xC3, 0xA9, 0xFF]
            var cases = 0
            for _ in 0..<20_000 {
                var bytes: [UInt8]
                if random.next() % 2 == 0 {
                    bytes = []
                    for byte in spellings[Int(random.next() % UInt64(spellings.count))].utf8 {
                        if random.next() % 5 == 0 { bytes.append(0x20) }
                        bytes.append(random.next() % 2 == 0 ? byte : (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte))
                    }
                    if random.next() % 7 == 0 { bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: Int(random.next() % UInt64(bytes.count + 1))) }
                } else {
                    bytes = (0..<Int(random.next() % 12)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
                }
                #expect(Self.known(bytes) == Self.reference(bytes), "\(bytes)")
                if Self.reference(bytes) != nil { cases += 1 }
            }
            #expect(cases > 3_000)
        }
    }
}
