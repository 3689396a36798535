import CByteClass
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

    /// Hashes `bytes` word by word. This runs over every byte of every error record's evidence
    /// and template text, on the busiest thread of a run: words and the bytes between them are
    /// taken sixteen bytes at a time (``addWords(_:_:)``). Only a word that an earlier call left
    /// open (``firstLineAndWhole(_:)`` reads a text in two parts) is finished byte by byte
    /// (``addByteByByte(_:)``, the reference the tests compare with). Both give the same key.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        if inWord {
            let classes = ByteClass.table
            while done < bytes.count && classes[Int(base[done])] & ByteClass.word != 0 { done += 1 }
            // The word and the byte that ends it, if any.
            done = min(done + 1, bytes.count)
            addByteByByte(UnsafeBufferPointer(start: base, count: done))
            if inWord { return }
        }
        addWords(base + done, bytes.count - done)
    }

    /// What ``logtriage_word_bytes16`` says of the 16 bytes from `index`, of which `available`
    /// (1 to 16) lie within `count`: which are word bytes and which digits (bit 0 for byte
    /// `index`, none from `available` up). Near the end it classifies the last sixteen bytes
    /// and shifts, or a copy when there are fewer than sixteen in all: it never reads outside.
    @inline(__always)
    private static func classes16(_ base: UnsafePointer<UInt8>, _ count: Int, at index: Int, available: Int)
        -> (words: UInt64, digits: UInt64) {
        if available == 16 {
            let classes = logtriage_word_bytes16(base + index)
            return (UInt64(classes & 0xFFFF), UInt64(classes >> 16))
        }
        if count >= 16 {
            let classes = logtriage_word_bytes16(base + count - 16), shift = UInt32(16 - available)
            return (UInt64((classes & 0xFFFF) >> shift), UInt64((classes >> 16) >> shift))
        }
        var copy: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &copy) { $0.baseAddress!.copyMemory(from: base + index, byteCount: available) }
        let classes = withUnsafeBytes(of: &copy) { logtriage_word_bytes16($0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
        let kept: UInt32 = (1 << UInt32(available)) &- 1
        return (UInt64(classes & kept), UInt64(classes >> 16 & kept))
    }

    /// Hashes the `count` bytes at `base`, starting between words. The bytes are classified
    /// sixteen at a time into masks of 64 (``logtriage_word_bytes16``); words and the runs of
    /// separators between them are then found by counting bits. Each separator byte is mixed in
    /// on its own; a word's bytes are folded into its hash eight at a time as
    /// ``addByteByByte(_:)`` packs them (first byte highest, so a load byte-swapped), the last few
    /// as the eight bytes ending the word, masked; whether it is a status word is a comparison of
    /// its bytes with case folded. A word that runs to the end is left open, its state as the
    /// byte loop would leave it.
    private mutating func addWords(_ base: UnsafePointer<UInt8>, _ count: Int) {
        var hash = self.hash, afterStatusWord = self.afterStatusWord
        var wordStart = -1, wordDigits: UInt64 = 0
        var block = 0
        while block < count {
            let size = min(64, count - block)
            var words: UInt64 = 0, digits: UInt64 = 0
            var part = 0
            while part < size {
                let (partWords, partDigits) = Self.classes16(base, count, at: block + part, available: min(16, size - part))
                words |= partWords << UInt64(part)
                digits |= partDigits << UInt64(part)
                part += 16
            }
            var position = 0
            while position < size {
                if wordStart < 0 {
                    let ahead = words >> UInt64(position)
                    let separators = min(ahead == 0 ? size : ahead.trailingZeroBitCount, size - position)
                    for offset in position..<(position + separators) { hash = Self.combined(hash, UInt64(base[block + offset])) }
                    position += separators
                    if position < size {
                        wordStart = block + position
                        wordDigits = 0
                    }
                    continue
                }
                // `words >> position` has no bit from 64 - position up: its complement's lowest
                // set bit is at most there.
                let run = min((~(words >> UInt64(position))).trailingZeroBitCount, size - position)
                wordDigits |= (digits >> UInt64(position)) & (run == 64 ? UInt64.max : (1 << UInt64(run)) &- 1)
                position += run
                if position < size {
                    hash = Self.combined(hash, Self.endedWord(base, start: wordStart, end: block + position, count: count,
                                                         hasDigit: wordDigits != 0, afterStatusWord: &afterStatusWord))
                    wordStart = -1
                }
            }
            block += size
        }
        if wordStart >= 0 {
            let start = UnsafeRawPointer(base + wordStart), length = count - wordStart
            let (wordHash, pending) = Self.wordHash(start, length: length, fromBufferStart: wordStart)
            leaveOpen(start, length: length, hasDigit: wordDigits != 0, wordHash: wordHash, pending: pending,
                      pendingBytes: length & 7, afterStatusWord: afterStatusWord)
        }
        self.hash = hash
        self.afterStatusWord = afterStatusWord
    }

    /// The key a word `[start, end)` of the `count` bytes at `base` adds, followed by a separator;
    /// `afterStatusWord` becomes whether it is a status word.
    @inline(__always)
    private static func endedWord(_ base: UnsafePointer<UInt8>, start: Int, end: Int, count: Int, hasDigit: Bool,
                                  afterStatusWord: inout Bool) -> UInt64 {
        let bytes = UnsafeRawPointer(base + start), length = end - start
        let (wordHash, pending) = wordHash(bytes, length: length, fromBufferStart: start)
        let key = wordKey(hasDigit: hasDigit, afterStatusWord: afterStatusWord, hash: wordHash, pending: pending)
        afterStatusWord = !hasDigit && isStatusWord(bytes, length, readable: count - start)
        return key
    }

    /// A word's hash over its whole groups of eight bytes, and its last `length % 8` bytes packed
    /// (``pending``); the word starts `fromBufferStart` bytes into its buffer.
    @inline(__always)
    private static func wordHash(_ start: UnsafeRawPointer, length: Int, fromBufferStart: Int) -> (UInt64, UInt64) {
        var wordHash: UInt64 = 0xcbf2_9ce4_8422_2325
        var offset = 0
        while length - offset >= 8 {
            wordHash = combined(wordHash, start.loadUnaligned(fromByteOffset: offset, as: UInt64.self).byteSwapped)
            offset += 8
        }
        var pending: UInt64 = 0
        let rest = length - offset
        if rest > 0 {
            if fromBufferStart + length >= 8 {
                pending = start.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self).byteSwapped
                    & ((1 << (8 * UInt64(rest))) &- 1)
            } else {
                // Fewer than eight bytes from the start of the buffer to the word's end.
                for byte in offset..<length { pending = pending << 8 | UInt64(start.load(fromByteOffset: byte, as: UInt8.self)) }
            }
        }
        return (wordHash, pending)
    }

    /// The state the byte loop leaves after a word that runs to the end of its bytes, for the
    /// next call to go on with or ``endWord()`` to end. Its packed letters depend on its last
    /// thirteen bytes only: thirteen shifts by five move anything older out of the 64 bits.
    private mutating func leaveOpen(_ start: UnsafeRawPointer, length: Int, hasDigit: Bool, wordHash: UInt64,
                                   pending: UInt64, pendingBytes: Int, afterStatusWord: Bool) {
        let classes = ByteClass.table
        var letters: UInt64 = 0
        for offset in max(0, length - 13)..<length {
            let letterCode = UInt64(classes[Int(start.load(fromByteOffset: offset, as: UInt8.self))] & ByteClass.letterCode)
            letters = letters << 5 | (letterCode == 0 ? Self.notAWord : letterCode)
        }
        inWord = true
        wordHasDigit = hasDigit
        self.wordHash = wordHash
        self.pending = pending
        self.pendingBytes = pendingBytes
        self.letters = letters
        wordAfterStatusWord = afterStatusWord
    }

    /// Whether the `length` word bytes at `start` spell a status word, in any case; `readable`
    /// bytes from `start` can be read. A byte OR 0x20 is a lower-case letter only if the byte
    /// is a letter, so the comparison does what the packed letters do.
    @inline(__always)
    private static func isStatusWord(_ start: UnsafeRawPointer, _ length: Int, readable: Int) -> Bool {
        guard length >= 4 && length <= 10 && length & 1 == 0 else { return false }
        if readable >= 10 { return spellsStatusWord(start, length) }
        var copy: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &copy) { $0.baseAddress!.copyMemory(from: start, byteCount: length) }
        return withUnsafeBytes(of: &copy) { spellsStatusWord($0.baseAddress!, length) }
    }

    /// ``isStatusWord(_:_:readable:)`` with ten bytes readable at `bytes`.
    private static func spellsStatusWord(_ bytes: UnsafeRawPointer, _ length: Int) -> Bool {
        let folded = bytes.loadUnaligned(as: UInt64.self) | 0x2020_2020_2020_2020
        switch length {
        case 4:
            let word = folded & 0xFFFF_FFFF
            return word == FoldedStatusWords.code || word == FoldedStatusWords.http
        case 6: return folded & 0xFFFF_FFFF_FFFF == FoldedStatusWords.status
        case 8: return folded == FoldedStatusWords.returned || folded == FoldedStatusWords.response
        case 10:
            return folded == FoldedStatusWords.statusco
                && bytes.loadUnaligned(fromByteOffset: 8, as: UInt16.self) | 0x2020 == FoldedStatusWords.de
        default: return false
        }
    }

    /// The status words' bytes as little-endian numbers, for ``isStatusWord(_:_:readable:)``.
    private enum FoldedStatusWords {
        static let code = packed("code"), http = packed("http"), status = packed("status")
        static let returned = packed("returned"), response = packed("response"), statusco = packed("statusco")
        static let de = UInt16(truncatingIfNeeded: packed("de"))

        private static func packed(_ word: StaticString) -> UInt64 {
            var value: UInt64 = 0
            for index in (0..<word.utf8CodeUnitCount).reversed() { value = value << 8 | UInt64(word.utf8Start[index]) }
            return value
        }
    }

    /// Hashes `bytes` word by word, a byte at a time: the reference ``add(_:)`` agrees with
    /// (tests compare the two), and the loop for what its sixteen-byte steps leave. The state
    /// lives in locals. A word's bytes go through a tight inner loop that keeps only the word's
    /// own state in registers: its bytes packed eight to a number (``pending``), folded into its
    /// hash by one multiplication per eight bytes rather than one per byte, whether it holds a
    /// digit, and its packed letters. What each byte is comes from one table load
    /// (``ByteClass``) instead of five comparisons. The status words are recognised from the
    /// packed letters.
    mutating func addByteByByte(_ bytes: UnsafeBufferPointer<UInt8>) {
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
