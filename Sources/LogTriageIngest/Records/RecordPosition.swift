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

extension RecordPosition {
    /// The position as binary rows hold it (the assignments spool, a partial's rows): a kind
    /// byte, 0 for a line and 1 for an element, and the number.
    package var kindAndNumber: (kind: UInt8, number: Int64) {
        switch self {
        case let .line(number): (0, Int64(number))
        case let .element(index): (1, Int64(index))
        }
    }

    /// The position a binary row's kind byte and number name; nil for a kind no row has.
    package init?(kind: UInt8, number: Int64) {
        switch kind {
        case 0: self = .line(Int(number))
        case 1: self = .element(Int(number))
        default: return nil
        }
    }
}
