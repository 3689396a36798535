extension ConditionReview {
    /// Why the row says what it does, in words: the backtest's figures, the findings and the
    /// decision, or how a proposal was written. Made from ``notes`` each time it is read.
    public var rationale: String { ReviewWording.rationale(notes) }
}
