import LogTriageBasics

/// A name pattern where `*` stands for any run of characters (`HttpServerErrorException$*`,
/// `billing-*`); everything else compares exactly, case included, as Java and service names do.
public struct WildcardPattern: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    private let pieces: [[UInt8]]

    public init(_ text: String) {
        self.text = text
        pieces = text.split(separator: "*", omittingEmptySubsequences: false).map { Array($0.utf8) }
    }

    public var description: String { text }

    public static func == (lhs: WildcardPattern, rhs: WildcardPattern) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// Whether the whole of `name` matches.
    public func matches(_ name: some StringProtocol) -> Bool {
        matches(utf8: Array(name.utf8)[...])
    }

    /// The same, for the UTF-8 bytes of a name.
    func matches(utf8 name: ArraySlice<UInt8>) -> Bool {
        let bytes = name
        if pieces.count == 1 { return bytes.elementsEqual(pieces[0]) }
        // First piece anchors the start, last the end; middle pieces are found leftmost in turn.
        let first = pieces[0], last = pieces[pieces.count - 1]
        guard bytes.count >= first.count + last.count,
              bytes.starts(with: first), bytes.suffix(last.count).elementsEqual(last) else { return false }
        let middle = pieces.dropFirst().dropLast().filter { !$0.isEmpty }
        guard !middle.isEmpty else { return true }
        let whole = Array(bytes)
        var position = first.count
        let end = whole.count - last.count
        for piece in middle {
            guard let found = Self.find(piece, in: whole, from: position, to: end) else { return false }
            position = found + piece.count
        }
        return true
    }

    private static func find(_ piece: [UInt8], in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        ByteSearch.index(of: piece, in: bytes, from: start, to: end)
    }
}
