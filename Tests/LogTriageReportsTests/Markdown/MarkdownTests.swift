import Testing

/// The markdown building blocks of `report.md`; each type's tests are a nested suite in
/// its own file (`swift test --filter MarkdownTests` runs them all).
@Suite("Reports: markdown building blocks")
struct MarkdownTests {}
