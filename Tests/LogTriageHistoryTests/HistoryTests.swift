import Testing

/// Groups the tests of `Sources/LogTriage/History/`, so `swift test --filter HistoryTests` runs them.
@Suite enum HistoryTests {}
