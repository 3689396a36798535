/// The New Relic settings every proposal is written with (alerts.tf, alerts-nerdgraph.json)
/// and replayed with, in one place so the backtest and the written condition agree.
public enum ProposalSettings {
    /// A day: a failure still going the next morning pages again instead of staying open
    /// unnoticed (New Relic's own default is three days). A biller's failure still going
    /// then, and at the export's end, is a ticket instead (``TicketedFailure``).
    public static let violationTimeLimitSeconds = 86_400
    /// `event_timer`, New Relic's advice for sparse signals such as error counts.
    public static let aggregationTimerSeconds = 60
}
