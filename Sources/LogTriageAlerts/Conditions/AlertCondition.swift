import LogTriageModel

/// One alert condition of the team's conditions, with every New Relic setting that changes
/// when its incidents open and close, as it is set up in New Relic.
///
/// The NRQL stays an opaque string here: the NRQL module parses and evaluates it, so this
/// model does not depend on how far that parser goes. Settings a source leaves out take New
/// Relic's defaults (see each property), so the same condition read from our YAML, a
/// NerdGraph answer or a Terraform state is the same value.
public struct AlertCondition: Sendable, Equatable, Codable {
    /// Unique within the conditions given; names the condition in every report.
    public var name: String
    public var nrql: String
    /// STATIC (default), BASELINE or OUTLIER.
    public var type: ConditionType
    /// The aggregation window (`aggregation_window`); New Relic's default is 60 s.
    public var windowSeconds: Int
    /// Sliding windows (`slide_by`): a window of `windowSeconds` every `slideBySeconds`; nil
    /// for tumbling windows (the default).
    public var slideBySeconds: Int?
    /// What an empty window reads (`fill_option`, `fill_value`); `none` by default.
    public var fill: FillOption
    /// When a window is complete (`aggregation_method`); `event_flow` by default.
    public var aggregationMethod: AggregationMethod
    /// `aggregation_delay` (event flow, cadence); nil when the source leaves it out.
    public var aggregationDelaySeconds: Int?
    /// `aggregation_timer` (event timer); nil when the source leaves it out (New Relic: 60).
    public var aggregationTimerSeconds: Int?
    /// Loss of signal (`expiration_duration`); nil disables it (the default).
    public var expirationSeconds: Int?
    /// `open_violation_on_expiration`: a loss of signal opens an incident.
    public var openOnExpiration: Bool
    /// `close_violations_on_expiration`: a loss of signal closes the open incidents.
    public var closeOnExpiration: Bool
    /// `violation_time_limit_seconds`: an incident open this long is force-closed.
    public var violationTimeLimitSeconds: Int
    public var enabled: Bool
    public var critical: AlertThreshold?
    public var warning: AlertThreshold?
    /// The team that gets the page, when the source says.
    public var route: String?
    /// The policy it belongs to, when the source says (a quickstart folder, a NerdGraph
    /// `policyId`, a Terraform `policy_id`).
    public var policy: String?
    /// Why the condition cannot be backtested although it was read (an unusable setting in a
    /// condition of another team's format); nil when it can be.
    public var problem: String?

    /// New Relic's default aggregation window.
    public static let defaultWindowSeconds = 60
    /// New Relic's default `violation_time_limit_seconds` when a condition sets none: 3 days,
    /// as the Terraform provider documents NerdGraph's default.
    public static let defaultViolationTimeLimitSeconds = 259_200
    /// New Relic's default `aggregation_timer` for event timer.
    public static let defaultAggregationTimerSeconds = 60
    /// The delay LogTriage assumes for event flow and cadence when none is set (New Relic's
    /// condition editor proposes 120 s; the API requires it).
    public static let defaultAggregationDelaySeconds = 120

    public init(name: String, nrql: String, type: ConditionType = .static,
                windowSeconds: Int = AlertCondition.defaultWindowSeconds, slideBySeconds: Int? = nil,
                fill: FillOption = .none, aggregationMethod: AggregationMethod = .eventFlow,
                aggregationDelaySeconds: Int? = nil, aggregationTimerSeconds: Int? = nil,
                expirationSeconds: Int? = nil, openOnExpiration: Bool = false, closeOnExpiration: Bool = false,
                violationTimeLimitSeconds: Int = AlertCondition.defaultViolationTimeLimitSeconds,
                enabled: Bool = true, critical: AlertThreshold?, warning: AlertThreshold? = nil,
                route: String? = nil, policy: String? = nil, problem: String? = nil) {
        self.name = name
        self.nrql = nrql
        self.type = type
        self.windowSeconds = windowSeconds
        self.slideBySeconds = slideBySeconds
        self.fill = fill
        self.aggregationMethod = aggregationMethod
        self.aggregationDelaySeconds = aggregationDelaySeconds
        self.aggregationTimerSeconds = aggregationTimerSeconds
        self.expirationSeconds = expirationSeconds
        self.openOnExpiration = openOnExpiration
        self.closeOnExpiration = closeOnExpiration
        self.violationTimeLimitSeconds = violationTimeLimitSeconds
        self.enabled = enabled
        self.critical = critical
        self.warning = warning
        self.route = route
        self.policy = policy
        self.problem = problem
    }

    /// The terms it has, critical first.
    public var terms: [(priority: Tier, threshold: AlertThreshold)] {
        var terms: [(Tier, AlertThreshold)] = []
        if let critical { terms.append((.critical, critical)) }
        if let warning { terms.append((.warning, warning)) }
        return terms
    }

    /// The delay the replay applies: the condition's, else New Relic's default for its method.
    public var effectiveDelaySeconds: Int {
        switch aggregationMethod {
        case .eventTimer: aggregationTimerSeconds ?? Self.defaultAggregationTimerSeconds
        case .eventFlow, .cadence: aggregationDelaySeconds ?? Self.defaultAggregationDelaySeconds
        }
    }
}
