import LogTriageTestSupport

/// Writes random JSON record texts, and damaged copies of them, for the differential tests.
///
/// Records are objects whose keys are unique within each object, contain no `.`, and at the
/// root are never `attributes`, `logs` or `common` (names the parser treats specially) or
/// empty, so every dotted path of the flattened record is distinct. Key scalars also avoid
/// combining marks, which Swift's `String` keys would merge by canonical equivalence.
struct JSONRecordGenerator {
    var random: SplitMix64
    /// Percentage of string values that get an invalid UTF-8 sequence or a lone surrogate.
    var repairPercent = 3
    var maxDepth = 5

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// Scalars for keys: ASCII, characters that must be escaped, and 2-, 3- and 4-byte UTF-8.
    static let keyScalars: [Unicode.Scalar] = Array("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_- /".unicodeScalars)
        + ["\"", "\\", "\u{0}", "\u{1}", "\u{8}", "\u{9}", "\u{A}", "\u{C}", "\u{D}", "\u{1F}", "\u{7F}",
           "\u{80}", "\u{E9}", "\u{7FF}", "\u{800}", "\u{20AC}", "\u{4E2D}", "\u{FFFD}", "\u{FFFF}",
           "\u{10000}", "\u{1F600}", "\u{10FFFF}"]
    /// Scalars for values: the key scalars plus a combining mark, a private-use character,
    /// a line separator and U+FEFF (always escaped: see `encodeString`).
    static let valueScalars = keyScalars + ["\u{301}", "\u{E000}", "\u{2028}", "\u{FEFF}"]

    static let invalidUTF8: [[UInt8]] = [
        [0xFF], [0xFE], [0x80], [0xBF], [0xC3, 0x28], [0xC0, 0xAF], [0xC1, 0xBF], [0xE2, 0x82],
        [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF0, 0x9F, 0x98],
        [0xF0, 0x80, 0x80, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ]
    static let loneSurrogates = [#"\ud800"#, #"\uDBFF"#, #"\udc00"#, #"\uDFFF"#, #"\ud83dA"#, #"\ude00\ud83d"#,
                                 #"\ud800\ud800\udc00"#]

    // MARK: Records

    /// One valid record text (before any repair).
    mutating func record() -> [UInt8] {
        var out: [UInt8] = []
        whitespace(&out)
        object(&out, depth: 1, isRoot: true)
        whitespace(&out)
        return out
    }

    /// A valid JSON text of any type (objects a fifth of the time), for non-object roots.
    mutating func anyValue() -> [UInt8] {
        var out: [UInt8] = []
        whitespace(&out)
        value(&out, depth: 1)
        whitespace(&out)
        return out
    }

    private mutating func value(_ out: inout [UInt8], depth: Int) {
        let nestable = depth < maxDepth
        switch random.int(0...99) {
        case 0..<14 where nestable: object(&out, depth: depth + 1, isRoot: false)
        case 14..<24 where nestable: array(&out, depth: depth + 1)
        case 0..<45: string(&out, random.int(0...12), scalars: Self.valueScalars, repairs: true)
        case 45..<80: number(&out)
        case 80..<87: out += Array("true".utf8)
        case 87..<94: out += Array("false".utf8)
        default: out += Array("null".utf8)
        }
    }

    private mutating func object(_ out: inout [UInt8], depth: Int, isRoot: Bool) {
        out.append(UInt8(ascii: "{"))
        let count = random.int(0...(isRoot ? 9 : 5))
        var used: Set<[Unicode.Scalar]> = []
        for index in 0..<count {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            whitespace(&out)
            var key: [Unicode.Scalar]
            repeat {
                key = (0..<random.int((isRoot ? 1 : 0)...6)).map { _ in random.pick(Self.keyScalars) }
            } while key.contains(".") || used.contains(key)
                || (isRoot && ["attributes", "logs", "common"].contains(String(String.UnicodeScalarView(key))))
            used.insert(key)
            encodeString(&out, key)
            whitespace(&out)
            out.append(UInt8(ascii: ":"))
            whitespace(&out)
            value(&out, depth: depth)
            whitespace(&out)
        }
        out.append(UInt8(ascii: "}"))
    }

    private mutating func array(_ out: inout [UInt8], depth: Int) {
        out.append(UInt8(ascii: "["))
        let count = random.int(0...5)
        for index in 0..<count {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            whitespace(&out)
            value(&out, depth: depth)
            whitespace(&out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private mutating func string(_ out: inout [UInt8], _ length: Int, scalars: [Unicode.Scalar], repairs: Bool) {
        let content = (0..<length).map { _ in random.pick(scalars) }
        guard repairs, random.chance(repairPercent) else { return encodeString(&out, content) }
        // Put one damaged piece somewhere in the string.
        let split = random.int(0...content.count)
        var encoded: [UInt8] = []
        encodeString(&encoded, Array(content[..<split]))
        encoded.removeLast()  // closing quote
        encoded += random.chance(50) ? random.pick(Self.invalidUTF8) : Array(random.pick(Self.loneSurrogates).utf8)
        var rest: [UInt8] = []
        encodeString(&rest, Array(content[split...]))
        encoded += rest.dropFirst()  // opening quote
        out += encoded
    }

    /// Writes a string literal, escaping what must be escaped and, at random, other scalars
    /// (with every short escape, `\u` in either case, and surrogate pairs).
    private mutating func encodeString(_ out: inout [UInt8], _ scalars: [Unicode.Scalar]) {
        out.append(UInt8(ascii: "\""))
        for scalar in scalars {
            let value = scalar.value
            switch scalar {
            case "\"": out += Array(#"\""#.utf8)
            case "\\": out += Array(#"\\"#.utf8)
            case "\u{8}" where random.chance(70): out += Array(#"\b"#.utf8)
            case "\u{C}" where random.chance(70): out += Array(#"\f"#.utf8)
            case "\n" where random.chance(70): out += Array(#"\n"#.utf8)
            case "\r" where random.chance(70): out += Array(#"\r"#.utf8)
            case "\t" where random.chance(70): out += Array(#"\t"#.utf8)
            case "/" where random.chance(30): out += Array(#"\/"#.utf8)
            default:
                // Foundation drops a raw U+FEFF at the start of a string or right after an
                // escape (it decodes each run between escapes as if the BOM began a file);
                // RFC 8259 keeps it. Escaped, both keep it.
                if value < 0x20 || value == 0xFEFF || random.chance(20) {
                    if value > 0xFFFF {
                        let offset = value - 0x10000
                        hexEscape(&out, 0xD800 + (offset >> 10))
                        hexEscape(&out, 0xDC00 + (offset & 0x3FF))
                    } else {
                        hexEscape(&out, value)
                    }
                } else {
                    out += Array(String(scalar).utf8)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private mutating func hexEscape(_ out: inout [UInt8], _ unit: UInt32) {
        var digits = String(unit, radix: 16)
        digits = String(repeating: "0", count: 4 - digits.count) + digits
        if random.chance(30) { digits = digits.uppercased() }
        out += Array("\\u\(digits)".utf8)
    }

    /// A number of any grammar shape: sign, zero or a long integer part, a fraction, an
    /// exponent with either letter case, sign and leading zeros. Magnitudes stay inside
    /// `Double` (Foundation rejects larger ones; see `JSONReference`).
    private mutating func number(_ out: inout [UInt8]) {
        var text = random.chance(25) ? "-" : ""
        if random.chance(25) {
            text += "0"
        } else {
            text += String(random.int(1...9))
            let digits = random.chance(10) ? random.int(10...25) : random.int(0...4)
            for _ in 0..<digits { text += String(random.int(0...9)) }
        }
        if random.chance(40) {
            text += "."
            for _ in 0..<(random.chance(10) ? random.int(6...20) : random.int(1...4)) { text += String(random.int(0...9)) }
        }
        if random.chance(30) {
            text += random.pick(["e", "E"]) + random.pick(["", "+", "-"])
            let exponent = String(random.chance(80) ? random.int(0...30) : random.int(0...250))
            text += String(repeating: "0", count: random.chance(15) ? random.int(1...2) : 0) + exponent
        }
        out += Array(text.utf8)
    }

    private mutating func whitespace(_ out: inout [UInt8]) {
        guard random.chance(25) else { return }
        for _ in 0..<random.int(1...3) { out.append(random.pick([0x20, 0x20, 0x09, 0x0A, 0x0D])) }
    }

    // MARK: Damaged copies

    static let structuralBytes: [UInt8] = Array(#"{}[]:,""#.utf8)
    /// Bytes a mutation inserts or writes: structure, quotes, escapes, number and literal
    /// letters, whitespace, control characters, and bytes that are never valid UTF-8 alone.
    static let mutationBytes: [UInt8] = Array(#"{}[]:,"\'/*01-+.eEatnxu "#.utf8)
        + [0x09, 0x0A, 0x0D, 0x00, 0x01, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xE2, 0xFF]

    /// A copy with one random byte-level change: truncated, or one byte deleted, inserted
    /// or replaced (structural bytes are chosen half of the time).
    mutating func mutate(_ text: [UInt8]) -> [UInt8] {
        var copy = text
        let structural = text.indices.filter { Self.structuralBytes.contains(text[$0]) }
        func position() -> Int {
            random.chance(50) && !structural.isEmpty ? random.pick(structural) : random.int(0...(text.count - 1))
        }
        switch random.int(0...3) {
        case 0: copy.removeSubrange(random.int(0...(text.count - 1))...)
        case 1: copy.remove(at: position())
        case 2: copy.insert(random.pick(Self.mutationBytes), at: random.int(0...text.count))
        default: copy[position()] = random.pick(Self.mutationBytes)
        }
        return copy
    }

    /// Values that are not JSON (a few are JSON only to Foundation: trailing commas).
    static let invalidValues: [String] = [
        "01", "-01", "00", "-00", "1.", "-1.", ".5", "-.5", "+1", "-", "--1", "1e", "1e+", "1E-", "1.e5", "1.5.2",
        "1e5.5", "0x1F", "1_000", "NaN", "-NaN", "Infinity", "-Infinity", "tru", "True", "nul", "NULL", "falsy",
        "'single'", #""a\x""#, #""\u12""#, #""\u12G4""#, #""\U0041""#, #""\'""#, #""a\"#, "\"a\u{1}b\"",
        "\"tab\there\"", "\"line\nbreak\"", "\"nul\u{0}\"", "[1,]", "[,1]", "[1,,2]", "{\"a\":1,}", "{,}",
        "{\"a\"}", "{\"a\" 1}", "{1:2}", "{'a':1}", "[1 2]", "1 /* c */", "1 // c", "/* c */ 1", "\"unterminated",
        "undefined", "[", "{", "]", "}", "1 2",
    ]
    /// Object members that are not JSON.
    static let invalidMembers: [String] = [
        "'k':1", "k:1", "\"k\"=1", "\"k\"::1", "\"k\" 1", "\"k\":1 /*c*/", "/*c*/\"k\":1", "\"k\":1 //c\n",
        #""k\x":1"#, "\"k\u{1}\":1", "\"k\":", ",\"k\":1", "\"k\":1,,\"j\":2",
    ]

    /// A copy of a valid record made invalid in a known way: a bad value or member added,
    /// a trailing comma, a comment, or a second value after the object.
    mutating func inject(_ text: [UInt8]) -> [UInt8] {
        guard let open = text.firstIndex(of: UInt8(ascii: "{")),
              let close = text.lastIndex(of: UInt8(ascii: "}")) else { return text }
        let isEmpty = text[(open + 1)..<close].allSatisfy { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
        func withMember(_ member: String) -> [UInt8] {
            Array(text[...open]) + Array(member.utf8) + (isEmpty ? [] : [UInt8(ascii: ",")]) + Array(text[(open + 1)...])
        }
        switch random.int(0...5) {
        case 0, 1: return withMember("\"k\":" + random.pick(Self.invalidValues))
        case 2: return withMember(random.pick(Self.invalidMembers))
        case 3 where !isEmpty: return Array(text[..<close]) + Array(",".utf8) + Array(text[close...])
        case 4: return text + Array(random.pick([" {}", "{}", " 1", "\"x\"", "]", "}", " {\"a\":1}", " //c", "/*c*/"]).utf8)
        default: return Array(random.pick(["1 ", "{} ", "/*c*/", "// c\n", "[", "\"x\" "]).utf8) + text
        }
    }
}
