import Testing

/// Groups the tests of `Sources/LogTriage/Alerts/NRQL/`, so `swift test --filter NRQL` runs them.
@Suite enum NRQL {}
