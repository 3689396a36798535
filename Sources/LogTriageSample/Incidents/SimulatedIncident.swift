import LogTriageModel

/// An incident the simulated New Relic opened: what its `NrAiIncident` events say.
struct SimulatedIncident: Sendable, Hashable {
    /// Why New Relic closed it, as `NrAiIncident` `closeCause` names it.
    enum CloseCause: String, Sendable {
        /// The threshold's own evaluation: enough windows that do not breach.
        case evaluator = "EVALUATOR"
        /// The signal was lost (`close_violations_on_expiration`), or came back (a
        /// loss-of-signal incident).
        case lossOfSignal = "LOSS_OF_SIGNAL"
        /// Open for the condition's `violation_time_limit_seconds`.
        case expired = "EXPIRED"
    }

    /// Index of the condition in the simulator's list.
    var condition: Int
    var priority: Tier
    /// The facet values of the signal, `, `-joined; empty for a condition without `FACET`.
    var facet: String
    /// Epoch ms.
    var opened: Int64
    /// Epoch ms; nil while still open when the simulation ends.
    var closed: Int64?
    var closeCause: CloseCause?
    /// Opened on loss of signal (`open_violation_on_expiration`), not a threshold breach.
    var lossOfSignal: Bool
}
