/// The namespace of the backtest's judgements (``isNoise(errors:stale:byCategory:nonActionable:)``).
///
/// The replay itself, New Relic's streaming evaluation of one term on one signal with every
/// setting of the condition, is ``ConditionReplay``; its rules are listed there and in the
/// README ("How the replay evaluates a condition").
public enum Backtester {}
