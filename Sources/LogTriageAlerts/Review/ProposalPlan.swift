import LogTriageModel
import LogTriageAnalysis

/// What one proposal covers, read off the signal cube: a service's recent actionable
/// failures of one tier, the exception classes and attributes that name them, the attribute
/// to facet by, and the chronic failures it leaves out.
struct ProposalPlan {
    var service: String
    var tier: Tier
    /// Recent failures per targeted category, chronic ones left out.
    var recent: [Category: Int]
    /// `error.class` values of those failures, sorted.
    var classes: [String]
    var slow: Bool
    /// The aliases the service's records carry its name under, sorted.
    var serviceAttributes: [String]
    /// The attribute the targeted failures belong to (`alerts.facetBy`, ``SubjectAttributes``):
    /// the proposal facets by it, so each biller's, endpoint's or queue's failure is its own
    /// signal. Nil for failures of the service.
    var subjectAttribute: String?
    /// The attribute a failure ratio may facet by (billerId, sourceId).
    var facet: String?
    /// Stale-invoice failures among the service's records.
    var stale: Int
    /// Targeted failures with no `error.class`: no attribute-based condition can count them.
    var unclassed: Int
    var team: String
    /// Billers whose failures of these categories are chronic: left out of the query (a ticket,
    /// not a page), sorted.
    var excludedBillers: [String] = []
    /// The chronic failures behind ``excludedBillers`` and those of the service as a whole
    /// that dropped a category from the plan.
    var chronic: [ChronicFailure] = []
    /// Billers whose failure this week outlasted a day of its page (``TicketedFailure``):
    /// left out of the query from the moment it became a ticket, sorted by biller.
    var ticketed: [TicketedFailure] = []
    /// Distinct values per facetable attribute in the service's records: a FACET over more
    /// than New Relic's limit would fail the condition.
    var facetValues: [String: Int] = [:]
    /// Why its failures are not counted per an attribute they carry (over the facet limit).
    var facetNotes: [String] = []

    /// Whether other plans of the service and tier page other teams, so the name says whose it is.
    var teamInName = false

    var categories: Set<Category> { Set(recent.keys) }
    /// `critical`, `critical per billerId` for failures that belong to one biller, `warning
    /// for sre` when the tier's failures of the service belong to several teams.
    var label: String {
        tier.rawValue + (subjectAttribute.map { " per \($0)" } ?? "") + (teamInName ? " for \(team)" : "")
    }

    /// `sync-consumer critical failures`, `rtd-gateway critical per billerId failures`,
    /// `pump-worker warning failures for sre`.
    var name: String {
        "\(service) \(tier.rawValue)\(subjectAttribute.map { " per \($0)" } ?? "") failures\(teamInName ? " for \(team)" : "")"
    }

    /// The team that owns a category's failures in a service.
    static func owner(of category: Category, service: String, rules: CategoryRules, deadLetterServices: Set<String>) -> String {
        if deadLetterServices.contains(service), rules.policy(for: category).retryable == true {
            return rules.owningTeam(of: service)
        }
        return rules.classification(for: category, service: service).team
    }
    var recentTotal: Int { recent.values.reduce(0, +) }

    /// Plans per service and tier with enough recent actionable failures, sorted by service,
    /// then tier (critical first), then failures of the service before per-biller ones. Within
    /// a tier, categories whose failures belong to one biller, endpoint or queue (`subjects`)
    /// get a plan of their own.
    ///
    /// Categories are grouped by the team that owns them too, so each proposal pages one team
    /// and only for what it owns: a moved endpoint reaches Client Services alone. A service
    /// that dead-letters messages after retryable errors (`deadLetterServices`) owns its
    /// transient and rate-limited failures: the consumer's team must fix its retries.
    /// `cells`: the cube's cells, or its ``SignalCube/totals(of:)`` (the same tallies from fewer cells).
    static func plans(cube: SignalCube, cells: [SignalCube.Cell], rules: CategoryRules, tuning: AlertTuning,
                      subjects: SubjectAttributes, chronic: [ChronicFailure] = [],
                      deadLetterServices: Set<String> = []) -> [ProposalPlan] {
        struct Tally {
            var recent: [Category: Int] = [:]
            var classes: [Category: Set<String>] = [:]
            var unclassed: [Category: Int] = [:]
            var attributes: Set<String> = []
            var records = 0, withBiller = 0, withSource = 0, stale = 0
            var values: [String: Set<String>] = [:]
        }
        var tallies: [String: Tally] = [:]
        for cell in cells where cell.count > 0 {
            let service = cube.service(of: cell)
            // Added in place: a copy taken out and written back copied its sets for every cell.
            func add(to tally: inout Tally) {
                tally.records += cell.count
                if let attribute = cube.serviceAttribute(of: cell) { tally.attributes.insert(attribute) }
                let biller = cube.billerId(of: cell), source = cube.sourceId(of: cell)
                if let biller {
                    tally.withBiller += cell.count
                    tally.values["billerId", default: []].insert(biller)
                }
                if let source {
                    tally.withSource += cell.count
                    tally.values["sourceId", default: []].insert(source)
                }
                if cube.isStale(cell) {
                    tally.stale += cell.count
                } else if let category = cube.category(of: cell), rules.policy(for: category).actionable,
                          !chronic.contains(service: service, billerId: biller, category: category) {
                    tally.recent[category, default: 0] += cell.count
                    if category != .slow {
                        if let errorClass = cube.errorClass(of: cell) {
                            tally.classes[category, default: []].insert(errorClass)
                        } else {
                            tally.unclassed[category, default: 0] += cell.count
                        }
                    }
                }
            }
            add(to: &tallies[service, default: Tally()])
        }
        var plans: [ProposalPlan] = []
        for service in tallies.keys.sorted() where service != RecordFacts.noService {
            let tally = tallies[service]!
            let facet: String? = if tally.values["billerId", default: []].count >= 2 && 2 * tally.withBiller >= tally.records {
                "billerId"
            } else if tally.values["sourceId", default: []].count >= 2 && 2 * tally.withSource >= tally.records {
                "sourceId"
            } else {
                nil
            }
            for tier in Tier.allCases {
                let recent = tally.recent.filter {
                    rules.policy(for: $0.key).tier == tier && $0.value >= tuning.minimumRecentFailures
                }
                guard !recent.isEmpty else { continue }
                // Categories whose failures belong to one biller, endpoint or queue get a plan of
                // their own, and so does each owning team.
                struct Group: Hashable {
                    var subject: String?
                    var team: String
                }
                var groups: [Group: [Category: Int]] = [:]
                for (category, count) in recent {
                    let attribute = subjects.attribute(service: service, category: category)
                    groups[Group(subject: attribute, team: owner(of: category, service: service, rules: rules,
                                                                 deadLetterServices: deadLetterServices)),
                           default: [:]][category] = count
                }
                let teams = Set(groups.keys.map(\.team))
                for key in groups.keys.sorted(by: { ($0.subject ?? "", $0.team) < ($1.subject ?? "", $1.team) }) {
                    let group = groups[key]!
                    let subject = key.subject, team = key.team
                    let classes = group.keys.reduce(into: Set<String>()) { $0.formUnion(tally.classes[$1] ?? []) }
                    let left = chronic.filter { $0.service == service && group[$0.category] != nil }
                        + chronic.filter { $0.service == service && $0.billerId == nil && rules.policy(for: $0.category).tier == tier }
                    plans.append(ProposalPlan(
                        service: service, tier: tier, recent: group, classes: classes.sorted(),
                        slow: group[.slow] != nil, serviceAttributes: tally.attributes.sorted(), subjectAttribute: subject,
                        facet: facet, stale: tally.stale,
                        unclassed: group.keys.reduce(0) { $0 + (tally.unclassed[$1] ?? 0) }, team: team,
                        excludedBillers: Array(Set(left.compactMap(\.billerId))).sorted(),
                        chronic: Array(Set(left)).sorted { $0.subject < $1.subject },
                        facetValues: tally.values.mapValues(\.count),
                        facetNotes: group.keys.sorted { $0.index < $1.index }
                            .flatMap { subjects.notes(service: service, category: $0) },
                        teamInName: teams.count > 1))
                }
            }
        }
        return plans
    }

    /// The shapes a proposal's query can take, most wanted first.
    enum Form: Hashable {
        /// A failure count per value of the attribute: each biller (or exception class) is
        /// its own signal, so one failing does not hide another.
        case countPer(String)
        /// A failure ratio per value of the attribute (billerId, sourceId).
        case ratioPer(String)
        /// A failure ratio of the whole service.
        case ratio
        /// A failure count: for low volume, where a ratio of few calls would flap.
        case count
    }

    /// The forms worth trying: per biller, endpoint or queue when the failures belong to one
    /// (a ratio only per biller or source: the cube keeps endpoints and queues on failures
    /// alone); else a ratio per facet when the service has one, the service's ratio and
    /// count, and a count per exception class when several classes fail (slow calls carry
    /// none). A facet with more values than New Relic allows is never tried.
    var forms: [Form] {
        let limit = WindowAggregationStore<ConditionWindow>.defaultFacetLimit
        if let subjectAttribute, facetValues[subjectAttribute, default: 0] <= limit {
            return AlertTuning.endpointAttributes.contains(subjectAttribute) || AlertTuning.queueAttributes.contains(subjectAttribute)
                ? [.countPer(subjectAttribute)] : [.countPer(subjectAttribute), .ratioPer(subjectAttribute)]
        }
        var forms: [Form] = facet.flatMap { facetValues[$0, default: 0] <= limit ? [Form.ratioPer($0)] : nil } ?? []
        forms += [.ratio, .count]
        if !slow && classes.count >= 2 && classes.count <= limit { forms.append(.countPer("error.class")) }
        return forms
    }

    /// The query that leaves the chronic billers out: `billerId IS NULL OR billerId NOT IN (…)`
    /// (a bare NOT IN would also drop the records that name no biller).
    var chronicExclusion: NRQLPredicate? {
        guard !excludedBillers.isEmpty else { return nil }
        return .or(.isNull("billerId", negated: false), .in("billerId", excludedBillers.map(NRQLValue.string), negated: true))
    }

    /// The query that leaves each ticketed biller out from its ticket's start:
    /// `NOT (billerId = 'B009' AND timestamp >= 1731481500000)` (epoch ms, as `timestamp` is).
    var ticketExclusion: NRQLPredicate? {
        var exclusion: NRQLPredicate?
        for ticket in ticketed {
            let test = NRQLPredicate.not(.and(.comparison("billerId", .equal, .string(ticket.billerId)),
                                              .comparison("timestamp", .greaterOrEqual, .number(Double(ticket.since)))))
            exclusion = exclusion.map { .and($0, test) } ?? test
        }
        return exclusion
    }

    /// The proposal's query in `form`, stale-invoice failures left out by the attribute the
    /// integration is asked to add, chronic billers by name and ticketed ones from their
    /// ticket's start; nil when no attribute names the targeted failures.
    func query(_ form: Form, slowThresholdMs: Int) -> NRQLQuery? {
        var failure: NRQLPredicate?
        if !classes.isEmpty { failure = .in("error.class", classes.map(NRQLValue.string), negated: false) }
        if slow {
            let latency = NRQLPredicate.comparison("durationMs", .greater, .number(Double(slowThresholdMs)))
            failure = failure.map { .or($0, latency) } ?? latency
        }
        guard let failure else { return nil }
        var scope: NRQLPredicate? = nil
        for attribute in serviceAttributes {
            let test = NRQLPredicate.comparison(attribute, .equal, .string(service))
            scope = scope.map { .or($0, test) } ?? test
        }
        if stale > 0 {
            let fresh = NRQLPredicate.isNull(SignalCube.staleAttribute, negated: false)
            scope = scope.map { .and($0, fresh) } ?? fresh
        }
        if let exclusion = chronicExclusion {
            scope = scope.map { .and($0, exclusion) } ?? exclusion
        }
        if let exclusion = ticketExclusion {
            scope = scope.map { .and($0, exclusion) } ?? exclusion
        }
        switch form {
        case let .countPer(attribute):
            return NRQLQuery(aggregate: .filter(failure), predicate: scope, facets: [attribute])
        case let .ratioPer(attribute):
            return NRQLQuery(aggregate: .percentage(failure), predicate: scope, facets: [attribute])
        case .ratio:
            return NRQLQuery(aggregate: .percentage(failure), predicate: scope)
        case .count:
            return NRQLQuery(aggregate: .filter(failure), predicate: scope)
        }
    }
}
