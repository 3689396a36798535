import Testing

/// Groups the tests of `Sources/LogTriage/Categories/`, so `swift test --filter Categor` runs them.
@Suite enum Categories {}
