import Testing

/// Groups the tests of `Sources/LogTriage/Alerts/Backtest/` and `Sources/LogTriage/Alerts/Conditions/`,
/// so `swift test --filter Backtest` runs them.
@Suite enum Backtest {}
