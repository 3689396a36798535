/// Where a record sits in its file: a 1-based line of the decompressed content for JSON
/// lines, or `#N`, the 1-based index of the record in a whole JSON document.
public enum RecordPosition: Sendable, Hashable, Codable, CustomStringConvertible {
    case line(Int)
    case element(Int)

    public var description: String {
        switch self {
        case let .line(number): "\(number)"
        case let .element(index): "#\(index)"
        }
    }
}
