/// Why a line (or document element) was read but yielded no record.
public enum SkipKind: String, CaseIterable, Sendable, Codable {
    /// Looks like JSON (starts with `{` or `[`) but is not a valid JSON object.
    case invalidJson
    /// Does not start like JSON at all (plain text, a stray stack-trace line).
    case notJson
    /// Empty or whitespace only.
    case blank
    /// Longer than the configured limit; dropped without being read.
    case oversized
}
