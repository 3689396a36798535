import CByteClass
/// A validating, allocation-free JSON scanner that keeps only the attributes a run asks for.
///
/// This is the ingest hot path. It checks the whole text against RFC 8259 (so damaged lines
/// are counted, not half-read), flattens nested objects into dotted paths as it descends,
/// and stores a value only when its path is in the `FieldPathTable`. Kept values are pointers
/// into the input; strings with escapes or bad UTF-8 are decoded only when read.
/// Invalid UTF-8 and lone surrogate escapes are replaced with U+FFFD and flagged as a repair
/// rather than rejected, so one bad byte does not cost a whole log record.
struct JSONRecordScanner {
    /// Nesting deeper than this is rejected, like Foundation's parser, so recursion stays bounded.
    static let maxDepth = 512

    /// The kept paths' table, as plain pointers (``FieldPathTable/storage``): the scanner is
    /// made for every record and holds no reference to count.
    let table: FieldPathTable.Storage
    let values: UnsafeMutablePointer<ScannedValue>
    let generation: UInt32
    /// Holds the dotted path of the key being read (keys with escapes are decoded into it);
    /// sized by the caller to 3x the input, the worst-case growth of a U+FFFD repair.
    let path: UnsafeMutablePointer<UInt8>

    /// Set when a string needed U+FFFD replacement.
    var repaired = false
    /// Where the root object's `logs` array and `common` object are, for Log API payloads.
    var logsRange: UnsafeRawBufferPointer?
    var commonRange: UnsafeRawBufferPointer?
    var failure: JSONSyntaxFailure?
    var start: UnsafePointer<UInt8>

    /// Whether a root-level `attributes` object is flattened into the root (Log API logs and
    /// historical exports carry their attributes this way).
    var flattenRootAttributes = true
    /// Priority of values found directly in the root object, and in its `attributes` object.
    var rootPriority: Int8 = ScannedValue.highestPriority
    var attributesPriority: Int8 = 2

    init(table: FieldPathTable.Storage, values: UnsafeMutablePointer<ScannedValue>, generation: UInt32,
         path: UnsafeMutablePointer<UInt8>, start: UnsafePointer<UInt8>) {
        self.table = table
        self.values = values
        self.generation = generation
        self.path = path
        self.start = start
    }

    // MARK: Entry points

    /// Scans one JSON object spanning exactly `[p, end)` (surrounding whitespace allowed).
    /// Returns false with `failure` set when the text is not one valid JSON value, or
    /// `notAnObject` when it is valid JSON of another type.
    mutating func scanRecord(_ begin: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        var p = begin
        skipWhitespace(&p, end)
        guard p < end else { return fail(.unexpectedEnd, at: p) }
        if p.pointee == UInt8(ascii: "{") {
            guard scanObject(&p, end, depth: 1, pathLength: 0,
                             priority: rootPriority, isRoot: true) else { return false }
        } else {
            guard skipValue(&p, end, depth: 0) else { return false }
            skipWhitespace(&p, end)
            guard p == end else { return fail(.trailingContent, at: p) }
            return fail(.notAnObject, at: begin)
        }
        skipWhitespace(&p, end)
        guard p == end else { return fail(.trailingContent, at: p) }
        return true
    }

    /// Validates one JSON value spanning `[begin, end)` without keeping anything.
    mutating func validate(_ begin: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        var p = begin
        skipWhitespace(&p, end)
        guard skipValue(&p, end, depth: 0) else { return false }
        skipWhitespace(&p, end)
        guard p == end else { return fail(.trailingContent, at: p) }
        return true
    }

    /// Calls `body` with the text of each element of the array spanning `[begin, end)`,
    /// which must already be valid JSON.
    static func forEachElement(ofArray begin: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>,
                               _ body: (UnsafePointer<UInt8>, UnsafePointer<UInt8>) -> Void) {
        var p = begin
        var scratch = JSONRecordScanner.skipper(start: begin)
        skipWhitespace(&p, end)
        guard p < end, p.pointee == UInt8(ascii: "[") else { return }
        p += 1
        skipWhitespace(&p, end)
        if p < end && p.pointee == UInt8(ascii: "]") { return }
        while p < end {
            skipWhitespace(&p, end)
            let elementStart = p
            guard scratch.skipValue(&p, end, depth: 1) else { return }
            body(elementStart, p)
            skipWhitespace(&p, end)
            guard p < end, p.pointee == UInt8(ascii: ",") else { return }
            p += 1
        }
    }

    /// A scanner that only validates and skips (no table, no arena).
    private static func skipper(start: UnsafePointer<UInt8>) -> JSONRecordScanner {
        JSONRecordScanner(table: emptyTable.storage, values: emptyValues, generation: 0, path: emptyBytes, start: start)
    }

    nonisolated(unsafe) private static let emptyValues = UnsafeMutablePointer<ScannedValue>.allocate(capacity: 1)
    nonisolated(unsafe) private static let emptyBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    private static let emptyTable = FieldPathTable(paths: [])

    // MARK: Objects with path tracking

    private mutating func scanObject(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>,
                                     depth: Int, pathLength: Int,
                                     priority: Int8, isRoot: Bool) -> Bool {
        guard depth <= Self.maxDepth else { return fail(.tooDeep, at: p) }
        p += 1  // "{"
        skipWhitespace(&p, end)
        guard p < end else { return fail(.unexpectedEnd, at: p) }
        if p.pointee == UInt8(ascii: "}") { p += 1; return true }
        while true {
            guard p < end else { return fail(.unexpectedEnd, at: p) }
            guard p.pointee == UInt8(ascii: "\"") else { return fail(.expectedKey, at: p) }
            // Read the key and append it to the dotted path.
            let keyStart = p + 1
            var flags: UInt8 = 0
            guard let keyEnd = scanString(keyStart, end, &flags) else { return false }
            var keyPathStart = pathLength
            if pathLength > 0 {
                path[pathLength] = UInt8(ascii: ".")
                keyPathStart += 1
            }
            // A root key without escapes is looked up where it lies; it is copied into the
            // path buffer only if its value is an object whose keys extend the path.
            let keyLength: Int
            var keyInPath = true
            if flags == 0 {
                keyLength = keyEnd - keyStart
                if pathLength == 0 {
                    keyInPath = false
                } else {
                    (path + keyPathStart).update(from: keyStart, count: keyLength)
                }
            } else {
                if flags & Self.repairedFlag != 0 { repaired = true }
                keyLength = Self.decode(keyStart, keyEnd, into: path + keyPathStart)
            }
            let keyBytes = keyInPath ? UnsafePointer(path + keyPathStart) : keyStart
            let fullLength = keyPathStart + keyLength
            let fullPath = keyInPath ? UnsafePointer(path) : keyStart
            let slot = table.lookup(hash: FieldPathTable.hash(fullPath, fullLength), path: fullPath, count: fullLength)
            p = keyEnd + 1
            skipWhitespace(&p, end)
            guard p < end, p.pointee == UInt8(ascii: ":") else {
                return fail(p < end ? .expectedColon : .unexpectedEnd, at: p)
            }
            p += 1
            skipWhitespace(&p, end)
            guard p < end else { return fail(.unexpectedEnd, at: p) }
            let valueStart = p
            switch p.pointee {
            case UInt8(ascii: "\""):
                var valueFlags: UInt8 = 0
                guard let valueEnd = scanString(p + 1, end, &valueFlags) else { return false }
                if valueFlags & Self.repairedFlag != 0 { repaired = true }
                if slot >= 0 {
                    store(slot, base: p + 1, count: valueEnd - p - 1, kind: .string, priority: priority,
                          needsDecode: valueFlags != 0)
                }
                p = valueEnd + 1
            case UInt8(ascii: "{"):
                if !keyInPath { path.update(from: keyStart, count: keyLength) }
                let isAttributes = isRoot && flattenRootAttributes && keyLength == 10
                    && Self.equals(keyBytes, "attributes")
                if isAttributes {
                    guard scanObject(&p, end, depth: depth + 1, pathLength: 0,
                                     priority: attributesPriority, isRoot: false) else { return false }
                } else {
                    guard scanObject(&p, end, depth: depth + 1, pathLength: fullLength,
                                     priority: priority, isRoot: false) else { return false }
                }
                if isRoot && keyLength == 6 && Self.equals(keyBytes, "common") {
                    commonRange = UnsafeRawBufferPointer(start: valueStart, count: p - valueStart)
                }
                if slot >= 0 { store(slot, base: valueStart, count: p - valueStart, kind: .object, priority: priority) }
            case UInt8(ascii: "["):
                guard skipValue(&p, end, depth: depth) else { return false }
                if isRoot && keyLength == 4 && Self.equals(keyBytes, "logs") {
                    logsRange = UnsafeRawBufferPointer(start: valueStart, count: p - valueStart)
                }
                if slot >= 0 { store(slot, base: valueStart, count: p - valueStart, kind: .array, priority: priority) }
            default:
                let kind: JSONValueKind
                switch p.pointee {
                case UInt8(ascii: "t"):
                    guard literal(&p, end, "true") else { return false }
                    kind = .bool
                case UInt8(ascii: "f"):
                    guard literal(&p, end, "false") else { return false }
                    kind = .bool
                case UInt8(ascii: "n"):
                    guard literal(&p, end, "null") else { return false }
                    kind = .null
                default:
                    guard scanNumber(&p, end) else { return false }
                    kind = .number
                }
                if slot >= 0 { store(slot, base: valueStart, count: p - valueStart, kind: kind, priority: priority) }
            }
            skipWhitespace(&p, end)
            guard p < end else { return fail(.unexpectedEnd, at: p) }
            if p.pointee == UInt8(ascii: ",") {
                p += 1
                skipWhitespace(&p, end)
                continue
            }
            if p.pointee == UInt8(ascii: "}") { p += 1; return true }
            return fail(.expectedCommaOrBrace, at: p)
        }
    }

    @inline(__always)
    private func store(_ slot: Int32, base: UnsafePointer<UInt8>, count: Int, kind: JSONValueKind, priority: Int8,
                       needsDecode: Bool = false) {
        let target = values + Int(slot)
        if target.pointee.generation == generation && priority < target.pointee.priority { return }
        target.pointee = ScannedValue(base: base, count: count, kind: kind, needsDecode: needsDecode,
                                      priority: priority, generation: generation)
    }

    private static func equals(_ bytes: UnsafePointer<UInt8>, _ text: StaticString) -> Bool {
        let expected = text.utf8Start
        for index in 0..<text.utf8CodeUnitCount where bytes[index] != expected[index] { return false }
        return true
    }

    // MARK: Validation without keeping

    /// Skips one value of any type, validating it. `depth` is the nesting of its container.
    mutating func skipValue(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, depth: Int) -> Bool {
        guard p < end else { return fail(.unexpectedEnd, at: p) }
        switch p.pointee {
        case UInt8(ascii: "\""):
            var flags: UInt8 = 0
            guard let valueEnd = scanString(p + 1, end, &flags) else { return false }
            if flags & Self.repairedFlag != 0 { repaired = true }
            p = valueEnd + 1
            return true
        case UInt8(ascii: "{"):
            guard depth + 1 <= Self.maxDepth else { return fail(.tooDeep, at: p) }
            p += 1
            skipWhitespace(&p, end)
            guard p < end else { return fail(.unexpectedEnd, at: p) }
            if p.pointee == UInt8(ascii: "}") { p += 1; return true }
            while true {
                guard p < end else { return fail(.unexpectedEnd, at: p) }
                guard p.pointee == UInt8(ascii: "\"") else { return fail(.expectedKey, at: p) }
                var flags: UInt8 = 0
                guard let keyEnd = scanString(p + 1, end, &flags) else { return false }
                if flags & Self.repairedFlag != 0 { repaired = true }
                p = keyEnd + 1
                skipWhitespace(&p, end)
                guard p < end, p.pointee == UInt8(ascii: ":") else {
                    return fail(p < end ? .expectedColon : .unexpectedEnd, at: p)
                }
                p += 1
                skipWhitespace(&p, end)
                guard skipValue(&p, end, depth: depth + 1) else { return false }
                skipWhitespace(&p, end)
                guard p < end else { return fail(.unexpectedEnd, at: p) }
                if p.pointee == UInt8(ascii: ",") { p += 1; skipWhitespace(&p, end); continue }
                if p.pointee == UInt8(ascii: "}") { p += 1; return true }
                return fail(.expectedCommaOrBrace, at: p)
            }
        case UInt8(ascii: "["):
            guard depth + 1 <= Self.maxDepth else { return fail(.tooDeep, at: p) }
            p += 1
            skipWhitespace(&p, end)
            guard p < end else { return fail(.unexpectedEnd, at: p) }
            if p.pointee == UInt8(ascii: "]") { p += 1; return true }
            while true {
                guard skipValue(&p, end, depth: depth + 1) else { return false }
                skipWhitespace(&p, end)
                guard p < end else { return fail(.unexpectedEnd, at: p) }
                if p.pointee == UInt8(ascii: ",") { p += 1; skipWhitespace(&p, end); continue }
                if p.pointee == UInt8(ascii: "]") { p += 1; return true }
                return fail(.expectedCommaOrBracket, at: p)
            }
        case UInt8(ascii: "t"): return literal(&p, end, "true")
        case UInt8(ascii: "f"): return literal(&p, end, "false")
        case UInt8(ascii: "n"): return literal(&p, end, "null")
        default: return scanNumber(&p, end)
        }
    }

    // MARK: Tokens

    @inline(__always)
    static func skipWhitespace(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) {
        while p < end {
            let byte = p.pointee
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            p += 1
        }
    }

    @inline(__always)
    private func skipWhitespace(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) {
        Self.skipWhitespace(&p, end)
    }

    private mutating func literal(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>,
                                  _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard end - p >= count else { return fail(.invalidLiteral, at: p) }
        let expected = word.utf8Start
        for index in 0..<count where p[index] != expected[index] { return fail(.invalidLiteral, at: p) }
        p += count
        return true
    }

    /// Validates `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private mutating func scanNumber(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        let begin = p
        if p < end && p.pointee == UInt8(ascii: "-") { p += 1 }
        guard p < end else { return fail(.invalidNumber, at: begin) }
        if p.pointee == UInt8(ascii: "0") {
            p += 1
        } else if p.pointee >= UInt8(ascii: "1") && p.pointee <= UInt8(ascii: "9") {
            p += 1
            while p < end && Self.isDigit(p.pointee) { p += 1 }
        } else {
            return fail(p == begin ? .unexpectedByte : .invalidNumber, at: begin)
        }
        if p < end && p.pointee == UInt8(ascii: ".") {
            p += 1
            guard p < end && Self.isDigit(p.pointee) else { return fail(.invalidNumber, at: begin) }
            while p < end && Self.isDigit(p.pointee) { p += 1 }
        }
        if p < end && (p.pointee | 0x20) == UInt8(ascii: "e") {
            p += 1
            if p < end && (p.pointee == UInt8(ascii: "+") || p.pointee == UInt8(ascii: "-")) { p += 1 }
            guard p < end && Self.isDigit(p.pointee) else { return fail(.invalidNumber, at: begin) }
            while p < end && Self.isDigit(p.pointee) { p += 1 }
        }
        return true
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    static let escapeFlag: UInt8 = 1
    static let repairedFlag: UInt8 = 2

    /// Scans a string body starting after its opening quote; returns the closing quote.
    /// `flags` gains `escapeFlag` when the body needs decoding and `repairedFlag` when it
    /// holds bytes that decode to U+FFFD.
    ///
    /// Most strings of a record are keys and short values that end before any escape or
    /// non-ASCII byte: this part, inlined where a string starts, finds their closing quote
    /// sixteen bytes at a time (``logtriage_string_stops16``) and returns. Any other stop goes to
    /// ``scanStringFrom(_:_:_:_:)``, called, not inlined: as one function called for every string
    /// the scanner spent a fifth of its instructions entering and leaving it.
    @inline(__always)
    private mutating func scanString(_ begin: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>,
                                     _ flags: inout UInt8) -> UnsafePointer<UInt8>? {
        var p = begin
        while end - p >= 16 {
            let stops = logtriage_string_stops16(p)
            if stops != 0 {
                p += stops.trailingZeroBitCount
                if p.pointee == UInt8(ascii: "\"") { return p }
                break
            }
            p += 16
        }
        return scanStringFrom(p, begin: begin, end, &flags)
    }

    /// The rest of ``scanString(_:_:_:)`` from `p`, a stop that is not the closing quote or
    /// fewer than sixteen bytes before `end`: escapes, non-ASCII and control bytes, the last
    /// bytes of the input.
    @inline(never)
    private mutating func scanStringFrom(_ start: UnsafePointer<UInt8>, begin: UnsafePointer<UInt8>,
                                         _ end: UnsafePointer<UInt8>, _ flags: inout UInt8) -> UnsafePointer<UInt8>? {
        var p = start
        while true {
            guard p < end else { fail(.unterminatedString, at: begin - 1); return nil }
            let byte = p.pointee
            if byte == UInt8(ascii: "\"") { return p }
            if byte == UInt8(ascii: "\\") {
                flags |= Self.escapeFlag
                guard end - p >= 2 else { fail(.unterminatedString, at: begin - 1); return nil }
                switch p[1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    p += 2
                case UInt8(ascii: "u"):
                    guard let unit = Self.hex4(p + 2, end) else { fail(.invalidEscape, at: p); return nil }
                    p += 6
                    if unit >= 0xD800 && unit <= 0xDBFF {
                        if end - p >= 6 && p[0] == UInt8(ascii: "\\") && p[1] == UInt8(ascii: "u"),
                           let low = Self.hex4(p + 2, end), low >= 0xDC00 && low <= 0xDFFF {
                            p += 6
                        } else {
                            flags |= Self.repairedFlag
                        }
                    } else if unit >= 0xDC00 && unit <= 0xDFFF {
                        flags |= Self.repairedFlag
                    }
                default:
                    fail(.invalidEscape, at: p)
                    return nil
                }
            } else if byte < 0x20 {
                fail(.controlCharacterInString, at: p)
                return nil
            } else if byte >= 0x80 {
                let (valid, length) = Self.utf8Sequence(p, end)
                if !valid { flags |= Self.escapeFlag | Self.repairedFlag }
                p += length
            } else {
                p += 1
            }
            p = Self.nextStop(from: p, end)
        }
    }

    /// The first quote, backslash, control or non-ASCII byte from `p`, looked for sixteen bytes
    /// at a time, then eight (the lowest flagged byte of a word is exactly the first such byte:
    /// false flags only sit above a true one); or a place fewer than eight bytes before `end`,
    /// from which the caller reads byte by byte.
    @inline(__always)
    private static func nextStop(from p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        var p = p
        while end - p >= 16 {
            let stops = logtriage_string_stops16(p)
            if stops != 0 { return p + stops.trailingZeroBitCount }
            p += 16
        }
        while end - p >= 8 {
            let word = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let special = (((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                | ((word &- ones &* 0x20) & ~word) | word) & highs
            if special != 0 { return p + special.trailingZeroBitCount >> 3 }
            p += 8
        }
        return p
    }

    @inline(__always)
    static func hex4(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UInt32? {
        guard end - p >= 4 else { return nil }
        var value: UInt32 = 0
        for index in 0..<4 {
            let byte = p[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Checks the UTF-8 sequence led by `p` (a byte >= 0x80). Returns whether it is valid
    /// and how many bytes it spans; for an invalid one, the length of its maximal subpart
    /// (the bytes one U+FFFD replaces, as Unicode recommends).
    @inline(__always)
    static func utf8Sequence(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> (Bool, Int) {
        let lead = p.pointee
        let needed: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: needed = 1
        case 0xE0: needed = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: needed = 2
        case 0xED: needed = 2; high = 0x9F
        case 0xF0: needed = 3; low = 0x90
        case 0xF1...0xF3: needed = 3
        case 0xF4: needed = 3; high = 0x8F
        default: return (false, 1)
        }
        var index = 1
        while index <= needed {
            guard p + index < end else { return (false, index) }
            let byte = p[index]
            let (lower, upper) = index == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
            guard byte >= lower && byte <= upper else { return (false, index) }
            index += 1
        }
        return (true, needed + 1)
    }

    /// Decodes a scanned string body into `destination`; returns the byte count written.
    static func decode(_ begin: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>,
                       into destination: UnsafeMutablePointer<UInt8>) -> Int {
        var p = begin
        var out = destination
        while p < end {
            let byte = p.pointee
            if byte == UInt8(ascii: "\\") {
                switch p[1] {
                case UInt8(ascii: "b"): out.pointee = 0x08; out += 1; p += 2
                case UInt8(ascii: "f"): out.pointee = 0x0C; out += 1; p += 2
                case UInt8(ascii: "n"): out.pointee = 0x0A; out += 1; p += 2
                case UInt8(ascii: "r"): out.pointee = 0x0D; out += 1; p += 2
                case UInt8(ascii: "t"): out.pointee = 0x09; out += 1; p += 2
                case UInt8(ascii: "u"):
                    var scalar = hex4(p + 2, end) ?? 0xFFFD
                    p += 6
                    if scalar >= 0xD800 && scalar <= 0xDBFF {
                        if end - p >= 6 && p[0] == UInt8(ascii: "\\") && p[1] == UInt8(ascii: "u"),
                           let low = hex4(p + 2, end), low >= 0xDC00 && low <= 0xDFFF {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            p += 6
                        } else {
                            scalar = 0xFFFD
                        }
                    } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                        scalar = 0xFFFD
                    }
                    out = encode(scalar, into: out)
                default:  // \" \\ \/
                    out.pointee = p[1]; out += 1; p += 2
                }
            } else if byte >= 0x80 {
                let (valid, length) = utf8Sequence(p, end)
                if valid {
                    out.update(from: p, count: length)
                    out += length
                } else {
                    out = encode(0xFFFD, into: out)
                }
                p += length
            } else {
                out.pointee = byte
                out += 1
                p += 1
            }
        }
        return out - destination
    }

    @inline(__always)
    private static func encode(_ scalar: UInt32, into out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        switch scalar {
        case ..<0x80:
            out[0] = UInt8(scalar)
            return out + 1
        case ..<0x800:
            out[0] = UInt8(0xC0 | (scalar >> 6))
            out[1] = UInt8(0x80 | (scalar & 0x3F))
            return out + 2
        case ..<0x10000:
            out[0] = UInt8(0xE0 | (scalar >> 12))
            out[1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            out[2] = UInt8(0x80 | (scalar & 0x3F))
            return out + 3
        default:
            out[0] = UInt8(0xF0 | (scalar >> 18))
            out[1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
            out[2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            out[3] = UInt8(0x80 | (scalar & 0x3F))
            return out + 4
        }
    }

    @discardableResult
    private mutating func fail(_ kind: JSONSyntaxFailure.Kind, at p: UnsafePointer<UInt8>) -> Bool {
        if failure == nil { failure = JSONSyntaxFailure(kind: kind, offset: p - start) }
        return false
    }
}
