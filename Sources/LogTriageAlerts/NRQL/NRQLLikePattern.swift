/// The pattern of a `LIKE` test: literal text with `%` standing for any run of characters.
///
/// Split into its literal segments once when parsed, so matching a record is a few byte
/// searches. Matching is case-sensitive, as in New Relic; `%` is the only wildcard (`_` is
/// an ordinary character) and cannot be escaped.
public struct NRQLLikePattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written, `%` included.
    public let text: String
    /// The literal parts between wildcards; one part means no wildcard at all.
    private let segments: [[UInt8]]

    public init(_ text: String) {
        self.text = text
        segments = text.utf8.split(separator: UInt8(ascii: "%"), omittingEmptySubsequences: false).map(Array.init)
    }

    /// The pattern as an NRQL string literal.
    public var description: String { NRQLValue.string(text).description }

    /// Whether `candidate` matches the whole pattern.
    public func matches(_ candidate: String) -> Bool {
        var candidate = candidate
        return candidate.withUTF8 { matches($0) }
    }

    /// Whether the UTF-8 text `bytes` matches the whole pattern.
    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard segments.count > 1 else { return bytes.elementsEqual(segments[0]) }
        let first = segments[0], last = segments[segments.count - 1]
        guard bytes.count >= first.count + last.count,
              Self.equal(bytes, at: 0, first), Self.equal(bytes, at: bytes.count - last.count, last) else { return false }
        // Leftmost matches of the middle parts, in order, between the fixed ends: with `%`
        // the only wildcard, taking each part as early as possible never loses a match.
        var start = first.count
        let end = bytes.count - last.count
        for segment in segments[1..<(segments.count - 1)] where !segment.isEmpty {
            var found = false
            while start + segment.count <= end {
                if Self.equal(bytes, at: start, segment) { found = true; break }
                start += 1
            }
            guard found else { return false }
            start += segment.count
        }
        return true
    }

    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, _ part: [UInt8]) -> Bool {
        for index in 0..<part.count where bytes[offset + index] != part[index] { return false }
        return true
    }
}
