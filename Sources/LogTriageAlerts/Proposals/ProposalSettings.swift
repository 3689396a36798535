/// The New Relic settings every proposal is written with (alerts.tf, alerts-nerdgraph.json)
/// and replayed with, in one place so the backtest and the written condition agree.
public enum ProposalSettings {
    /// A day: a failure still going the next morning pages again instead of staying open
    /// unnoticed (New Relic's own default is three days).
    public static let violationTimeLimitSeconds = 86_400
    /// `event_timer`, New Relic's advice for sparse signals such as error counts.
    public static let aggregationTimerSeconds = 60
}
