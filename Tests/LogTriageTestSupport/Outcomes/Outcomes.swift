import Testing

/// Groups the tests of `Sources/LogTriage/Outcomes/` and the billers and services tables, so
/// `swift test --filter Outcomes` runs them.
@Suite package enum Outcomes {}
