/// Names one mined template, so callers can store a small integer per message instead of text.
///
/// Ids handed out by ``TemplateMiner/add(_:)`` are provisional: a later message can show that
/// two templates are one (a username, a path), and the miner then merges them. Resolve a stored
/// id with ``TemplateMiner/finalID(of:)`` once the input has been consumed.
public struct TemplateID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Dense index into the miner's tables; `-1` is the overflow bucket.
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The "other templates" bucket that takes every message once the template cap is reached.
    public static let overflow = TemplateID(rawValue: -1)

    public var isOverflow: Bool { rawValue < 0 }

    public static func < (lhs: TemplateID, rhs: TemplateID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { isOverflow ? "T-other" : "T\(rawValue)" }
}
