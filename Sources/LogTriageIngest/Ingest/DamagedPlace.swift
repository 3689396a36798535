/// One place in the input that was skipped or repaired, named so a user can open it.
public struct DamagedPlace: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Damage: Sendable, Equatable, Codable {
        case skipped(SkipKind)
        case repaired
        case truncatedInput
        case unreadable
    }

    public let path: String
    /// nil for damage that concerns the whole file.
    public let position: RecordPosition?
    public let damage: Damage
    public let reason: String

    public init(path: String, position: RecordPosition?, damage: Damage, reason: String) {
        self.path = path
        self.position = position
        self.damage = damage
        self.reason = reason
    }

    /// `file:line: reason`, the form editors and terminals link.
    public var description: String {
        if let position { return "\(path):\(position): \(reason)" }
        return "\(path): \(reason)"
    }
}
