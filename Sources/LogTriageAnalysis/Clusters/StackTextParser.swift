import LogTriageBasics

/// Reads Java stack text line by line: exception headers (`com.x.FooException: msg`,
/// `Caused by: …`), frames (`at …`), `Suppressed:` blocks (skipped) and `... 12 more`.
struct StackTextParser {
    private(set) var links: [ThrownException] = []
    private(set) var frames: [String] = []

    /// Parses `text`, appending to the chain and frames.
    ///
    /// - Parameter strictFirstHeader: accept a first exception header only when its class looks
    ///   like an exception (`…Exception`, `…Error`), for texts that are log messages first.
    mutating func parse(_ text: String, strictFirstHeader: Bool) {
        var suppressedIndent: Int?
        var framesSinceHeader = 0
        // Lines split on the bytes, not on characters, and a CR LF ends a line too (as one
        // character it is neither "\n" nor "\r").
        for rawLine in Self.lines(of: text) {
            let indent = rawLine.prefix(while: { $0 == " " || $0 == "\t" }).count
            let line = rawLine.dropFirst(indent)
            if line.isEmpty { continue }
            let isCause = line.hasPrefix("Caused by:")
            if let depth = suppressedIndent {
                // A suppressed exception's own causes are indented deeper than it; the main
                // chain's next cause is not. Flattened traces lose that, so any cause ends it.
                guard isCause, indent < depth || depth == 0 else { continue }
                suppressedIndent = nil
            }
            if line.hasPrefix("Suppressed:") {
                suppressedIndent = indent
                continue
            }
            if line.hasPrefix("at ") {
                framesSinceHeader += 1
                if frames.count < ExceptionEvidence.maxFrames,
                   let frame = StackFrameFilter.inAppFrame(line: line), !frames.contains(frame) {
                    frames.append(frame)
                }
                continue
            }
            if line.hasPrefix("...") { continue }
            if isCause {
                if let link = Self.header(line.dropFirst("Caused by:".count), strict: false) {
                    links.append(link)
                    framesSinceHeader = 0
                }
                continue
            }
            if links.isEmpty {
                var candidate = line
                if candidate.hasPrefix("Exception in thread "), let quote = candidate.lastIndex(of: "\"") {
                    candidate = candidate[candidate.index(after: quote)...]
                }
                if let link = Self.header(candidate, strict: strictFirstHeader) {
                    links.append(link)
                    framesSinceHeader = 0
                }
            } else if framesSinceHeader == 0 {
                // A multi-line message continues until the first frame.
                let last = links.count - 1
                links[last].message += links[last].message.isEmpty ? String(line) : "\n" + line
            }
        }
    }

    /// The exception a header line announces (`com.x.FooException: message` or just the class),
    /// or nil when the line does not start with a class name.
    static func header(_ line: Substring, strict: Bool) -> ThrownException? {
        let text = line.drop(while: { $0 == " " || $0 == "\t" })
        let nameEnd = text.firstIndex(where: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" || $0 == ".") }) ?? text.endIndex
        let name = text[..<nameEnd]
        let rest = text[nameEnd...]
        var message = Substring("")
        if rest.isEmpty {
            message = ""
        } else if rest.hasPrefix(":") {
            message = rest.dropFirst()
        } else {
            return nil
        }
        guard isClassName(name, strict: strict) else { return nil }
        return ThrownException(className: String(name), message: trimmedSpaces(message))
    }

    /// `text` without leading and trailing spaces and tabs (Foundation's `whitespaces`:
    /// Unicode's space separators and the tab), without bridging to `NSString`.
    static func trimmedSpaces(_ text: Substring) -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }

    /// Whether `name` reads as a Java class: a package of lower-case segments and an upper-case
    /// class (`com.acme.BillerDown$Timeout`), or a simple name ending like an exception.
    /// `strict` demands the exception-like ending in either case, so `com.acme.Service: started`
    /// at the start of a log message is not taken for an exception.
    static func isClassName(_ name: Substring, strict: Bool) -> Bool {
        let segments = name.split(separator: ".", omittingEmptySubsequences: false)
        guard let last = segments.last, let initial = last.first, initial.isUppercase,
              segments.allSatisfy({ !$0.isEmpty && !$0.first!.isNumber }) else { return false }
        let outer = last.split(separator: "$").first ?? last
        let looksLikeException = ["Exception", "Error", "Throwable", "Fault", "Failure"].contains {
            outer.hasSuffix($0) && outer.count > $0.count
        }
        if segments.count == 1 || strict { return looksLikeException }
        return segments.dropLast().allSatisfy { $0.first!.isLowercase }
    }

    /// The non-empty lines of `text`, found over its contiguous bytes with `memchr`, the next
    /// `\n` and the next `\r` each searched again only once passed: the generic `split` of a
    /// string's UTF-8 view walked a long one-line message an index at a time, and a byte loop
    /// still cost a few percent of a run of long distinct messages.
    private static func lines(of text: String) -> [Substring] {
        var text = text
        let offsets: [Range<Int>] = text.withUTF8 { bytes in
            var ranges: [Range<Int>] = []
            let count = bytes.count
            var nextNewline = ByteSearch.index(of: 0x0A, in: bytes) ?? count
            var nextReturn = ByteSearch.index(of: 0x0D, in: bytes) ?? count
            var start = 0
            while true {
                let end = min(nextNewline, nextReturn)
                if end > start { ranges.append(start..<end) }
                guard end < count else { break }
                start = end + 1
                if nextNewline < start { nextNewline = ByteSearch.index(of: 0x0A, in: bytes, from: start) ?? count }
                if nextReturn < start { nextReturn = ByteSearch.index(of: 0x0D, in: bytes, from: start) ?? count }
            }
            return ranges
        }
        let utf8 = text.utf8
        return offsets.map { range in
            let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
            return Substring(utf8[lower..<utf8.index(lower, offsetBy: range.count)])
        }
    }
}
