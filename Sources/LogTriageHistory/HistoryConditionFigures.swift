import LogTriageAlerts

/// One alert condition's backtest figures in one run, kept so a report can show whether a
/// condition got noisier or quieter from week to week.
public struct HistoryConditionFigures: Sendable, Equatable {
    /// Which version of the condition the figures are for: the one in force now, or the
    /// threshold the report proposes instead.
    public enum Kind: String, Sendable, CaseIterable, Comparable {
        case current
        case proposed

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The condition's name, as in the conditions file.
    public var condition: String
    public var kind: Kind
    public var incidents: Int
    public var noiseIncidents: Int
    public var incidentMinutes: Double

    public init(condition: String, kind: Kind, incidents: Int, noiseIncidents: Int, incidentMinutes: Double) {
        self.condition = condition
        self.kind = kind
        self.incidents = incidents
        self.noiseIncidents = noiseIncidents
        self.incidentMinutes = incidentMinutes
    }

    /// The figures of `figures` for the condition `condition`.
    public init(condition: String, kind: Kind, figures: BacktestFigures) {
        self.init(condition: condition, kind: kind, incidents: figures.incidents,
                  noiseIncidents: figures.noiseIncidents, incidentMinutes: figures.incidentMinutes)
    }
}
