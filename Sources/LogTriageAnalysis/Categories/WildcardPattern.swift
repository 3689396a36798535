import LogTriageBasics

/// A name pattern where `*` stands for any run of characters (`HttpServerErrorException$*`,
/// `billing-*`); everything else compares exactly, case included, as Java and service names do.
public struct WildcardPattern: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    private let pieces: [[UInt8]]
    /// The pieces between the first and the last, empty ones left out: worked out once, as a
    /// code pattern is tried on every token of a message.
    private let middle: [[UInt8]]

    public init(_ text: String) {
        self.text = text
        pieces = text.split(separator: "*", omittingEmptySubsequences: false).map { Array($0.utf8) }
        middle = pieces.count > 2 ? pieces.dropFirst().dropLast().filter { !$0.isEmpty } : []
    }

    public var description: String { text }

    /// The longest literal piece between wildcards (empty for `*`): every match contains it.
    var longestPiece: [UInt8] { pieces.max { $0.count < $1.count } ?? [] }

    public static func == (lhs: WildcardPattern, rhs: WildcardPattern) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// Whether the whole of `name` matches.
    public func matches(_ name: some StringProtocol) -> Bool {
        if let answer = name.utf8.withContiguousStorageIfAvailable({ matches(buffer: $0) }) { return answer }
        return matches(utf8: Array(name.utf8)[...])
    }

    /// The same, for the UTF-8 bytes of a name.
    func matches(utf8 name: ArraySlice<UInt8>) -> Bool {
        name.withUnsafeBufferPointer { matches(buffer: $0) }
    }

    private func matches(buffer bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if pieces.count == 1 { return bytes.elementsEqual(pieces[0]) }
        // First piece anchors the start, last the end; middle pieces are found leftmost in turn.
        let first = pieces[0], last = pieces[pieces.count - 1]
        guard bytes.count >= first.count + last.count,
              bytes.starts(with: first), bytes.suffix(last.count).elementsEqual(last) else { return false }
        guard !middle.isEmpty, let base = bytes.baseAddress else { return true }
        var position = base + first.count
        let end = base + bytes.count - last.count
        for piece in middle {
            guard let found = piece.withUnsafeBufferPointer({ ByteSearch.first($0, in: position, end) }) else { return false }
            position = found + piece.count
        }
        return true
    }
}
