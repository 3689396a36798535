import LogTriageAlerts
import LogTriageModel

/// One term (critical or warning) of a condition on one signal: counts the evaluations that
/// breach and those that do not, and opens and closes its incident.
///
/// *Set thresholds*: "for at least" (`all`) opens after the threshold duration of breaching
/// evaluations in a row, "at least once in" (`at_least_once`) at the first breaching one. An
/// incident closes after the same number of evaluations in a row that do not breach
/// (LogTriage's reading: the documentation gives no other count). An empty window that is
/// not filled "resets the threshold duration timer" (*Create NRQL alert conditions*), both
/// ways.
struct StreamingTerm: Sendable {
    let priority: Tier
    let threshold: AlertThreshold
    let evaluations: Int
    private var breaching = 0
    private var calm = 0
    private(set) var open: SimulatedIncident?

    init(priority: Tier, threshold: AlertThreshold, evaluations: Int) {
        self.priority = priority
        self.threshold = threshold
        self.evaluations = evaluations
    }

    /// Evaluates one window at `time`: its value, or nil for an empty window left unfilled.
    /// Returns the incident it closed, if any.
    mutating func evaluate(_ value: Double?, at time: Int64, opening incident: SimulatedIncident) -> SimulatedIncident? {
        guard let value else {
            breaching = 0
            calm = 0
            return nil
        }
        if threshold.operator.breaches(value, threshold.value) {
            calm = 0
            guard open == nil else { return nil }
            breaching += 1
            if threshold.occurrences == .atLeastOnce || breaching >= evaluations {
                open = incident
                breaching = 0
            }
            return nil
        }
        breaching = 0
        guard open != nil else { return nil }
        calm += 1
        return calm >= evaluations ? close(at: time, cause: .evaluator) : nil
    }

    /// Closes the open incident at `time`.
    mutating func close(at time: Int64, cause: SimulatedIncident.CloseCause) -> SimulatedIncident? {
        guard var incident = open else { return nil }
        incident.closed = time
        incident.closeCause = cause
        open = nil
        breaching = 0
        calm = 0
        return incident
    }
}
