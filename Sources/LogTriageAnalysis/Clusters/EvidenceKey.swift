import LogTriageBasics

/// A hash of the evidence a classification depends on, blind to the variables in it: a word
/// holding a digit (an id, a line number, a count) hashes as one placeholder, so the same
/// stack trace with other invoice ids or line numbers is parsed and classified once.
///
/// A status code is not a variable: a number right after `status`, `code`, `HTTP`,
/// `statusCode`, `returned` or `response` (`status code 503`, `HTTP 400`, `status=429`) is
/// kept as it is, since a 503 and a 400 are different failures; blind to it, whichever
/// record came first would decide the category of both.
struct EvidenceKey {
    private(set) var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    private var inWord = false
    private var wordHasDigit = false
    private var wordHash: UInt64 = 0
    /// The current word's bytes not yet in ``wordHash``: up to seven, packed a byte each.
    private var pending: UInt64 = 0
    private var pendingBytes = 0
    /// The current word's letters, five bits each (a–z as 1–26, case folded), to recognise the
    /// words above: a word of ten letters or fewer fits below bit 50, and a longer one or one
    /// holding any other byte never does (``notAWord`` shifted left keeps its high bits).
    private var letters: UInt64 = 0
    private var afterStatusWord = false
    private var wordAfterStatusWord = false

    /// The six words packed as ``letters`` packs them, compared in turn at the end of every
    /// word of every new message.
    private static let statusWords = StatusWords(["status", "code", "http", "statuscode", "returned", "response"])
    private static let notAWord = UInt64.max

    /// Six packed words as plain fields, copied into a local before a loop: no array, no
    /// closure, so the loop's state stays in registers.
    private struct StatusWords {
        let words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

        init(_ words: [String]) {
            let packed = words.map { word in word.utf8.reduce(0 as UInt64) { $0 << 5 | UInt64($1 &- 0x60) } }
            self.words = (packed[0], packed[1], packed[2], packed[3], packed[4], packed[5])
        }

        @inline(__always)
        func contains(_ letters: UInt64) -> Bool {
            guard letters < 1 << 50 else { return false }
            return letters == words.0 || letters == words.1 || letters == words.2 || letters == words.3
                || letters == words.4 || letters == words.5
        }
    }

    init() {}

    /// A key that goes on from `hash`, the ``hash`` of one whose last field has ended (after
    /// `mix`, `mixExact` or `mixKey`): between fields a key holds nothing else.
    init(resuming hash: UInt64) {
        self.hash = hash
    }

    mutating func mix(_ bytes: UnsafeBufferPointer<UInt8>?) {
        if let bytes { add(bytes) }
        endField()
    }

    /// Mixes a stack trace's first line and the class of each `Caused by:` line (raw JSON
    /// text: lines end at `\n` escapes), found with `memmem` rather than a byte loop.
    mutating func mixStackOutline(_ stack: UnsafeBufferPointer<UInt8>) {
        guard let base = stack.baseAddress else { return endField() }
        let end = base + stack.count
        var cursor = base
        while cursor < end, cursor.pointee != UInt8(ascii: "\\"), cursor.pointee != 0x0A { cursor += 1 }
        add(UnsafeBufferPointer(start: base, count: cursor - base))
        endField()
        let marker: StaticString = "Caused by: "
        while cursor < end, let found = ByteSearch.first(marker, in: cursor, end) {
            let start = found + marker.utf8CodeUnitCount
            var byte = start
            while byte < end, byte.pointee != UInt8(ascii: ":"), byte.pointee != UInt8(ascii: "\\"), byte.pointee != 0x0A {
                byte += 1
            }
            add(UnsafeBufferPointer(start: start, count: byte - start))
            endField()
            cursor = byte
        }
    }

    /// Mixes the bytes up to the first line break, a raw one or a JSON `\n`/`\r` escape.
    mutating func mixFirstLine(_ bytes: UnsafeBufferPointer<UInt8>?) {
        if let bytes { add(UnsafeBufferPointer(rebasing: bytes[0..<Self.firstLineEnd(bytes)])) }
        endField()
    }

    /// The key `mixFirstLine` gives a fresh key and the one `mix` gives it, for the same bytes in
    /// one pass: a message that is both a record's template text and its evidence (no exception
    /// class, no stack) is hashed once, not twice.
    static func firstLineAndWhole(_ bytes: UnsafeBufferPointer<UInt8>) -> (firstLine: UInt64, whole: UInt64) {
        let end = firstLineEnd(bytes)
        var key = EvidenceKey()
        key.add(UnsafeBufferPointer(rebasing: bytes[0..<end]))
        var line = key
        line.endField()
        key.add(UnsafeBufferPointer(rebasing: bytes[end...]))
        key.endField()
        return (line.hash, key.hash)
    }

    /// Mixes a field already reduced to a key of its own (`firstLineAndWhole`'s `whole`).
    mutating func mixKey(_ key: UInt64) {
        endWord()
        combine(key)
        endField()
    }

    /// The first raw line break or JSON `\\n`/`\\r` escape, found with `memchr` (this runs
    /// over every new message).
    private static func firstLineEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var end = ByteSearch.firstLineBreak(in: bytes)
        var from = 0
        while let escape = ByteSearch.index(of: UInt8(ascii: "\\"), in: bytes, from: from, to: end) {
            if escape + 1 < bytes.count, bytes[escape + 1] == UInt8(ascii: "n") || bytes[escape + 1] == UInt8(ascii: "r") {
                end = escape
                break
            }
            // An escaped backslash is two bytes: the second never starts an escape.
            from = escape + 2
        }
        return end
    }

    /// Mixes bytes exactly, digits included: for identities (a service, a biller), not evidence.
    mutating func mixExact(_ bytes: UnsafeBufferPointer<UInt8>?) {
        if let bytes {
            for byte in bytes { combine(UInt64(byte)) }
        }
        combine(0xFFFF)
    }

    mutating func mix(_ text: String) {
        var text = text
        text.withUTF8 { add($0) }
        endField()
    }

    /// Hashes `bytes` word by word. The state lives in locals: this runs over every byte of
    /// every new message (twice: once for its evidence, once for its template). A word's bytes
    /// go through a tight inner loop that keeps only the word's own state in registers: its
    /// bytes packed eight to a number (``pending``), folded into its hash by one multiplication
    /// per eight bytes rather than one per byte, whether it holds a digit, and its packed
    /// letters. What each byte is comes from one table load (``ByteClass``) instead of five
    /// comparisons. The status words are recognised from the packed letters.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        let classes = ByteClass.table
        let statusWords = Self.statusWords
        // The whole state in locals, written back once at the end.
        var hash = self.hash, inWord = self.inWord, wordHasDigit = self.wordHasDigit, wordHash = self.wordHash
        var pending = self.pending, pendingBytes = self.pendingBytes, letters = self.letters
        var afterStatusWord = self.afterStatusWord, wordAfterStatusWord = self.wordAfterStatusWord
        var index = 0
        while index < count {
            var byteClass = classes[Int(base[index])]
            guard byteClass & ByteClass.word != 0 else {
                if inWord {
                    inWord = false
                    afterStatusWord = statusWords.contains(letters)
                    hash = Self.combined(hash, Self.wordKey(hasDigit: wordHasDigit, afterStatusWord: wordAfterStatusWord,
                                                             hash: wordHash, pending: pending))
                }
                hash = Self.combined(hash, UInt64(base[index]))
                index &+= 1
                continue
            }
            if !inWord {
                inWord = true
                wordHasDigit = false
                wordHash = 0xcbf2_9ce4_8422_2325
                pending = 0
                pendingBytes = 0
                letters = 0
                wordAfterStatusWord = afterStatusWord
            }
            var classSeen = wordHasDigit ? ByteClass.digit : 0
            repeat {
                classSeen |= byteClass
                let letterCode = UInt64(byteClass & ByteClass.letterCode)
                letters = letters << 5 | (letterCode == 0 ? Self.notAWord : letterCode)
                // Word bytes are never 0, so eight of them packed say which bytes they were.
                pending = pending << 8 | UInt64(base[index])
                pendingBytes &+= 1
                if pendingBytes == 8 {
                    wordHash = Self.combined(wordHash, pending)
                    pending = 0
                    pendingBytes = 0
                }
                index &+= 1
                guard index < count else { break }
                byteClass = classes[Int(base[index])]
            } while byteClass & ByteClass.word != 0
            wordHasDigit = classSeen & ByteClass.digit != 0
        }
        self.hash = hash
        self.inWord = inWord
        self.wordHasDigit = wordHasDigit
        self.wordHash = wordHash
        self.pending = pending
        self.pendingBytes = pendingBytes
        self.letters = letters
        self.afterStatusWord = afterStatusWord
        self.wordAfterStatusWord = wordAfterStatusWord
    }

    /// What a finished word adds to the key: a placeholder for a variable (a word holding a
    /// digit, unless right after a status word), else the word's own hash.
    @inline(__always)
    private static func wordKey(hasDigit: Bool, afterStatusWord: Bool, hash: UInt64, pending: UInt64) -> UInt64 {
        hasDigit && !afterStatusWord ? 0x9E37_79B9_7F4A_7C15 : combined(hash, pending)
    }

    /// What a byte is to ``add(_:)``, one table entry per byte value: a word byte (an ASCII
    /// letter or digit, `-`, `_`, or any byte of a non-ASCII character), a digit, and a
    /// letter's code (a–z as 1–26, case folded; 0 for any other byte).
    private enum ByteClass {
        static let word: UInt8 = 0x80
        static let digit: UInt8 = 0x40
        static let letterCode: UInt8 = 0x1F

        /// Allocated once and never freed: read through a pointer, the inner loop's load is
        /// not checked against bounds or behind a lazy global's guard on each byte.
        nonisolated(unsafe) static let table: UnsafePointer<UInt8> = {
            let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
            for value in 0..<256 {
                let byte = UInt8(value)
                var entry: UInt8 = 0
                let folded = byte | 0x20
                if folded >= UInt8(ascii: "a") && folded <= UInt8(ascii: "z") {
                    entry = word | (folded - 0x60)
                } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    entry = word | digit
                } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte >= 0x80 {
                    entry = word
                }
                table[value] = entry
            }
            return UnsafePointer(table)
        }()
    }

    /// Ends the current word: `hash` with the word (or the placeholder of a variable) mixed in.
    @inline(__always)
    private mutating func endWord(_ hash: UInt64) -> UInt64 {
        inWord = false
        afterStatusWord = Self.statusWords.contains(letters)
        return Self.combined(hash, Self.wordKey(hasDigit: wordHasDigit, afterStatusWord: wordAfterStatusWord, hash: wordHash,
                                                pending: pending))
    }

    private mutating func endWord() {
        guard inWord else { return }
        hash = endWord(hash)
    }

    private mutating func endField() {
        endWord()
        afterStatusWord = false
        combine(0xFFFF)
    }

    private mutating func combine(_ value: UInt64) {
        hash = Self.combined(hash, value)
    }

    @inline(__always)
    private static func combined(_ hash: UInt64, _ value: UInt64) -> UInt64 {
        let mixed = (hash ^ value) &* 0x0000_0100_0000_01b3
        return mixed ^ (mixed >> 29)
    }
}
