import Testing

/// Groups the tests of `Sources/LogTriage/Reports/Charts/`, so `swift test --filter ChartTests`
/// runs them.
@Suite enum ChartTests {}
