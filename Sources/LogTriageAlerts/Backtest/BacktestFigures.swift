/// The alert-quality figures of one condition term over the analysed data, in the terms of
/// New Relic's Alert Quality Management: how many incidents, how many were noise, how many
/// minutes they stayed open, and how many flapped.
public struct BacktestFigures: Sendable, Equatable {
    /// An incident shorter than this many minutes flaps (it closed before anyone could act).
    public static let flappingMinutes = 5.0

    public var incidents = 0
    public var noiseIncidents = 0
    public var incidentMinutes = 0.0
    /// Incidents closed in under ``flappingMinutes``; one still open at the end of the data is
    /// never counted, since its real length is unknown.
    public var flappingIncidents = 0

    public init() {}

    /// The figures of `incidents`, each judged noise or not by `isNoise`.
    public init(incidents: [BacktestIncident], isNoise: (BacktestIncident) -> Bool) {
        for incident in incidents { add(incident, isNoise: isNoise(incident)) }
    }

    public mutating func add(_ incident: BacktestIncident, isNoise: Bool) {
        incidents += 1
        if isNoise { noiseIncidents += 1 }
        incidentMinutes += incident.minutes
        if !incident.openAtEnd && incident.minutes < Self.flappingMinutes { flappingIncidents += 1 }
    }

    /// Adds another facet's or file's figures.
    public mutating func merge(_ other: BacktestFigures) {
        incidents += other.incidents
        noiseIncidents += other.noiseIncidents
        incidentMinutes += other.incidentMinutes
        flappingIncidents += other.flappingIncidents
    }

    /// Share of incidents that are noise, nil without incidents.
    public var noiseRatio: Double? { incidents == 0 ? nil : Double(noiseIncidents) / Double(incidents) }
    /// Share of incidents that flapped, nil without incidents.
    public var flappingRatio: Double? { incidents == 0 ? nil : Double(flappingIncidents) / Double(incidents) }
}
