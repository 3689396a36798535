/// How many deliberately damaged lines a sample file holds, by kind.
public struct SampleDamageCounts: Sendable, Codable, Equatable {
    /// Empty lines.
    public var blank: Int = 0
    /// Lines that are not JSON at all (a stray stack frame, `--- log rotated ---`).
    public var notJson: Int = 0
    /// Records cut off mid-object; the record is lost and not counted in `records`.
    public var invalidJson: Int = 0
    /// Records whose `message` holds invalid UTF-8 bytes (0xFF, 0xC3 0x28, Latin-1 0xFC);
    /// a reader repairs them to U+FFFD. They are counted in `records`.
    public var invalidUTF8Repaired: Int = 0

    public init() {}

    /// Lines that are not records (blank, not JSON, invalid JSON).
    public var unusableLines: Int { blank + notJson + invalidJson }

    static func + (lhs: SampleDamageCounts, rhs: SampleDamageCounts) -> SampleDamageCounts {
        var sum = lhs
        sum.blank += rhs.blank
        sum.notJson += rhs.notJson
        sum.invalidJson += rhs.invalidJson
        sum.invalidUTF8Repaired += rhs.invalidUTF8Repaired
        return sum
    }
}
