/// One alert condition of the team's conditions file, as it would be set up in New Relic.
///
/// The NRQL stays an opaque string here: the NRQL module parses and evaluates it, so this
/// model does not depend on how far that parser goes.
public struct AlertCondition: Sendable, Equatable {
    /// Unique within the file; names the condition in every report.
    public var name: String
    public var nrql: String
    /// The aggregation window; New Relic's default is 60 s.
    public var windowSeconds: Int
    public var critical: AlertThreshold
    public var warning: AlertThreshold?
    /// The team that gets the page, when the file says.
    public var route: String?

    public init(name: String, nrql: String, windowSeconds: Int = 60, critical: AlertThreshold,
                warning: AlertThreshold? = nil, route: String? = nil) {
        self.name = name
        self.nrql = nrql
        self.windowSeconds = windowSeconds
        self.critical = critical
        self.warning = warning
        self.route = route
    }
}
