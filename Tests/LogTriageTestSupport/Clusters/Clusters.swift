import Testing

/// Groups the tests of `Sources/LogTriage/Clusters/`, so `swift test --filter Clusters` runs them.
@Suite package enum Clusters {}
